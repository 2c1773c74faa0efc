package org.phonecontroller.daemon.adapters;

import org.phonecontroller.config.Credentials;
import org.phonecontroller.config.PhoneManagerConfig;
import org.phonecontroller.config.ProbeSettings;
import org.phonecontroller.daemon.probes.PhoneManagerProbes;
import org.phonecontroller.protocols.HealthProbe;
import org.phonecontroller.protocols.probe.HealthProbes;

/** The probes of phone-protocols: the kind a PhoneManager names (with its trust and credentials), TCP for witnesses. */
public final class DefaultProbeFactory implements ProbeFactory {

    @Override
    public HealthProbe forPhoneManager(PhoneManagerConfig phoneManager, ProbeSettings probe, Credentials credentials) {
        return PhoneManagerProbes.create(phoneManager, probe, credentials);
    }

    @Override
    public HealthProbe forWitnesses(ProbeSettings probe) {
        return HealthProbes.create("tcp", org.phonecontroller.protocols.probe.ProbeSettings.defaults()
                .withTimeout(probe.timeout()));
    }
}

package org.phonecontroller.daemon.adapters;

import org.phonecontroller.config.PhoneManagerConfig;
import org.phonecontroller.config.ProbeSettings;
import org.phonecontroller.protocols.HealthProbe;
import org.phonecontroller.protocols.probe.HealthProbes;

/** The probes of phone-protocols: the kind a PhoneManager names, TCP connect for witnesses. */
public final class DefaultProbeFactory implements ProbeFactory {

    @Override
    public HealthProbe forPhoneManager(PhoneManagerConfig phoneManager, ProbeSettings probe) {
        return HealthProbes.create(phoneManager.probe().yamlName(), settings(probe));
    }

    @Override
    public HealthProbe forWitnesses(ProbeSettings probe) {
        return HealthProbes.create("tcp", settings(probe));
    }

    private static org.phonecontroller.protocols.probe.ProbeSettings settings(ProbeSettings probe) {
        var defaults = org.phonecontroller.protocols.probe.ProbeSettings.defaults();
        return new org.phonecontroller.protocols.probe.ProbeSettings(probe.timeout(), defaults.sipAcceptedCodes(),
                defaults.httpPath(), defaults.httpScheme(), defaults.httpAcceptedCodes(), defaults.snmpCommunity(),
                defaults.userAgent());
    }
}

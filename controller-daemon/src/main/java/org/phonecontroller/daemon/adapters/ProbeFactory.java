package org.phonecontroller.daemon.adapters;

import org.phonecontroller.config.Credentials;
import org.phonecontroller.config.PhoneManagerConfig;
import org.phonecontroller.config.ProbeSettings;
import org.phonecontroller.protocols.HealthProbe;

/** Builds the health probes the daemon runs; the lab and tests may pass their own. */
public interface ProbeFactory {

    /**
     * The probe of one PhoneManager, as its configuration names it.
     *
     * @param credentials the credentials file (the PhoneManager's {@code credentials:} key names its SNMP entry)
     */
    HealthProbe forPhoneManager(PhoneManagerConfig phoneManager, ProbeSettings probe, Credentials credentials);

    /** The probe asking the witnesses (a refusal counts as an answer). */
    HealthProbe forWitnesses(ProbeSettings probe);
}

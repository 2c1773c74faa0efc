package org.phonecontroller.daemon.probes;

import java.util.Objects;
import java.util.Optional;
import org.phonecontroller.config.Credentials;
import org.phonecontroller.config.PhoneManagerConfig;
import org.phonecontroller.config.RangeCredentials;
import org.phonecontroller.config.TlsTrust;
import org.phonecontroller.protocols.HealthProbe;
import org.phonecontroller.protocols.probe.HealthProbes;
import org.phonecontroller.protocols.probe.ProbeSettings;
import org.phonecontroller.protocols.probe.ProbeTrust;
import org.phonecontroller.protocols.snmp.SnmpCredentials.AuthProtocol;
import org.phonecontroller.protocols.snmp.SnmpCredentials.PrivProtocol;

/**
 * How a configured PhoneManager is probed: its probe kind with the probe timeout, its {@code tls.trust} for TLS
 * (sip-options over tls, http over https) and the SNMP credentials of its {@code credentials:} key. The daemon and
 * {@code phonectl probe --config} build their probes here, so both trust and authenticate alike.
 */
public final class PhoneManagerProbes {

    private PhoneManagerProbes() {
    }

    /** The probe of {@code pm}; the caller closes it. */
    public static HealthProbe create(PhoneManagerConfig pm, org.phonecontroller.config.ProbeSettings probe,
                                     Credentials credentials) {
        return HealthProbes.create(pm.probe().yamlName(), settings(pm, probe, credentials));
    }

    /** The settings of the probe of {@code pm}. */
    public static ProbeSettings settings(PhoneManagerConfig pm, org.phonecontroller.config.ProbeSettings probe,
                                         Credentials credentials) {
        Objects.requireNonNull(pm, "pm");
        ProbeSettings defaults = ProbeSettings.defaults();
        ProbeSettings settings = defaults.withTimeout(probe.timeout()).withTrust(trust(pm.trust()))
                .withHttp(pm.httpsProbe() ? "https" : "http", defaults.httpPath(), defaults.httpAcceptedCodes());
        Optional<org.phonecontroller.config.SnmpCredentials> snmp = credentials.forRange(pm.credentialsKey())
                .flatMap(RangeCredentials::snmp);
        return snmp.isPresent() ? settings.withSnmp(snmp(snmp.get())) : settings;
    }

    /** The probe's view of a configured trust. */
    public static ProbeTrust trust(TlsTrust trust) {
        return switch (trust) {
            case TlsTrust.SystemTrust s -> ProbeTrust.SYSTEM;
            case TlsTrust.PemFile f -> new ProbeTrust.PemFile(f.file());
            case TlsTrust.Pinned p -> new ProbeTrust.Pinned(p.sha256());
        };
    }

    /** The adapters' view of configured SNMP credentials (also what the SNMP trap notifications send with). */
    public static org.phonecontroller.protocols.snmp.SnmpCredentials snmp(
            org.phonecontroller.config.SnmpCredentials configured) {
        return switch (configured) {
            case org.phonecontroller.config.SnmpCredentials.V2c v2c ->
                    new org.phonecontroller.protocols.snmp.SnmpCredentials.V2c(v2c.community());
            case org.phonecontroller.config.SnmpCredentials.V3 v3 ->
                    new org.phonecontroller.protocols.snmp.SnmpCredentials.V3(v3.user(),
                            AuthProtocol.valueOf(v3.authProtocol().name()), v3.authPassword().orElse(""),
                            PrivProtocol.valueOf(v3.privProtocol().name()), v3.privPassword().orElse(""));
        };
    }
}

package org.phonecontroller.config;

import java.util.Locale;

/**
 * How a PhoneManager's health is probed. YAML: {@code sip-options}, {@code tcp}, {@code http}, {@code snmp}.
 */
public enum ProbeKind {
    /** A SIP OPTIONS request over the PhoneManager's transport (phone-protocols counts a 2xx reply as up). */
    SIP_OPTIONS,
    /** A TCP connect to the probe port. */
    TCP,
    /** An HTTP GET of {@code /} on the probe port (phone-protocols counts 200-399 as up). */
    HTTP,
    /** An SNMP get on the probe port (161 unless {@code probePort} says otherwise). */
    SNMP;

    /** The YAML spelling, e.g. {@code sip-options}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

package org.phonecontroller.config;

/** How phones and the probe reach a PhoneManager's SIP port. YAML: {@code udp}, {@code tcp}, {@code tls}. */
public enum SipTransport {
    UDP(5060),
    TCP(5060),
    TLS(5061);

    private final int defaultPort;

    SipTransport(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    /** The port used when an address names none: 5060, or 5061 for TLS. */
    public int defaultPort() {
        return defaultPort;
    }

    /** The YAML spelling. */
    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

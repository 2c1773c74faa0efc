package org.phonecontroller.protocols;

import java.util.Locale;

/** How a SIP endpoint is reached. */
public enum Transport {
    UDP, TCP, TLS;

    /** Parses {@code udp}, {@code tcp} or {@code tls} (any case). */
    public static Transport parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown transport '" + text + "' (expected udp, tcp or tls)", e);
        }
    }

    /** The lower-case name used in configuration and SIP Via headers' parameters. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

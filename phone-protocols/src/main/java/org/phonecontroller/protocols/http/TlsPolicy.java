package org.phonecontroller.protocols.http;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * How the HTTP adapters talk to phones of a range: plain HTTP, or HTTPS trusting the system trust store, one
 * pinned certificate, or whatever certificate a phone showed first (trust on first use).
 *
 * <p>Host names are verified only with {@link SystemTrust}: phones are reached by IP address and rarely carry a
 * certificate for it, so {@link Pinned} and {@link TrustOnFirstUse} check the certificate's SHA-256 fingerprint
 * instead of its names.
 */
public sealed interface TlsPolicy {

    /** {@code http} or {@code https}. */
    default String scheme() {
        return this instanceof PlainHttp ? "http" : "https";
    }

    /** Plain HTTP, no TLS (credentials then travel as Digest hashes or, for Basic, in the clear). */
    record PlainHttp() implements TlsPolicy {
    }

    /** HTTPS; the certificate must chain to the JVM's trust store and name the host. */
    record SystemTrust() implements TlsPolicy {
    }

    /**
     * HTTPS; the phone's (leaf) certificate must have this SHA-256 fingerprint.
     *
     * @param sha256 64 hex digits, colons and case ignored ({@code AB:CD:...} as openssl prints it)
     */
    record Pinned(String sha256) implements TlsPolicy {
        public Pinned {
            sha256 = normalizeFingerprint(sha256);
        }

        /** A TLS client context that accepts exactly the certificate with this fingerprint (no name check). */
        public javax.net.ssl.SSLContext sslContext() {
            return FingerprintTrustManager.sslContext(this);
        }
    }

    /**
     * HTTPS; the first certificate a phone shows is remembered in {@code store}; a later different one is refused
     * with {@code CERTIFICATE_MISMATCH} until an admin removes the phone's line from the store.
     */
    record TrustOnFirstUse(FingerprintStore store) implements TlsPolicy {
        public TrustOnFirstUse {
            Objects.requireNonNull(store, "store");
        }
    }

    /** Lower-case hex without separators; IllegalArgumentException unless it is 32 bytes of hex. */
    static String normalizeFingerprint(String text) {
        Objects.requireNonNull(text, "fingerprint");
        String hex = text.replace(":", "").replace(" ", "").toLowerCase(Locale.ROOT);
        if (hex.length() != 64 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("'" + text + "' is not a SHA-256 fingerprint (64 hex digits)");
        }
        HexFormat.of().parseHex(hex);
        return hex;
    }
}

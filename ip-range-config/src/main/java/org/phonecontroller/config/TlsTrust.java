package org.phonecontroller.config;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * Which certificates the controller accepts from a PhoneManager over TLS (a {@code sip-options} probe with
 * {@code transport: tls}, an {@code http} probe over https). YAML: {@code tls: { trust: system | FILE.pem |
 * sha256:HEX }}.
 */
public sealed interface TlsTrust {

    /** The system's trust store (the default). */
    record SystemTrust() implements TlsTrust {
        @Override
        public String toString() {
            return "system";
        }
    }

    /** @param file PEM certificates (a CA, or the PhoneManager's own self-signed certificate), absolute */
    record PemFile(Path file) implements TlsTrust {
        public PemFile {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public String toString() {
            return file.toString();
        }
    }

    /** @param sha256 the SHA-256 fingerprint of the PhoneManager's certificate, 64 lower-case hex digits */
    record Pinned(String sha256) implements TlsTrust {
        public Pinned {
            sha256 = normalize(sha256);
        }

        @Override
        public String toString() {
            return "sha256:" + sha256;
        }
    }

    TlsTrust SYSTEM = new SystemTrust();

    /**
     * Parses the forms of {@code trust}: {@code system}, {@code sha256:HEX}, or the name of a PEM file (relative
     * names against {@code base}; the file is not read here). The one parser of these forms: the configuration's
     * {@code tls: { trust }} and {@code phonectl probe --trust} both use it.
     *
     * @throws IllegalArgumentException for a malformed fingerprint or file name, saying what is wrong with it
     */
    static TlsTrust parse(String text, Path base) {
        String t = Objects.requireNonNull(text, "text").strip();
        if (t.equalsIgnoreCase("system")) {
            return SYSTEM;
        }
        if (t.toLowerCase(Locale.ROOT).startsWith("sha256:")) {
            return new Pinned(t.substring("sha256:".length()));
        }
        return new PemFile(base.resolve(t).toAbsolutePath().normalize());
    }

    /** Lower-case hex without colons or spaces; IllegalArgumentException unless it is 32 bytes of hex. */
    static String normalize(String fingerprint) {
        String hex = Objects.requireNonNull(fingerprint, "fingerprint").replace(":", "").replace(" ", "")
                .toLowerCase(Locale.ROOT);
        if (hex.length() != 64 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("'" + fingerprint + "' is not a SHA-256 fingerprint (64 hex digits, "
                    + "colons allowed, as 'openssl x509 -noout -fingerprint -sha256' prints it)");
        }
        HexFormat.of().parseHex(hex);
        return hex;
    }
}

package org.phonecontroller.config;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * SNMP credentials: a v2c community or a v3 USM user. {@link #toString()} never shows a secret.
 */
public sealed interface SnmpCredentials {

    /** SNMPv2c. YAML: {@code { version: 2c, community: "..." }}. */
    record V2c(String community) implements SnmpCredentials {
        public V2c {
            Objects.requireNonNull(community, "community");
        }

        @Override
        public String toString() {
            return "V2c[community=***]";
        }
    }

    /**
     * SNMPv3 USM. YAML: {@code { version: 3, user, authProtocol, authPassword, privProtocol, privPassword }};
     * protocols default to {@code none}, so the security level follows from what is given.
     */
    record V3(String user, AuthProtocol authProtocol, Optional<String> authPassword, PrivProtocol privProtocol,
              Optional<String> privPassword) implements SnmpCredentials {
        public V3 {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(authProtocol, "authProtocol");
            Objects.requireNonNull(authPassword, "authPassword");
            Objects.requireNonNull(privProtocol, "privProtocol");
            Objects.requireNonNull(privPassword, "privPassword");
            if (authProtocol == AuthProtocol.NONE && privProtocol != PrivProtocol.NONE) {
                throw new IllegalArgumentException("SNMPv3 privacy needs authentication");
            }
            if (authProtocol != AuthProtocol.NONE && authPassword.isEmpty()
                    || privProtocol != PrivProtocol.NONE && privPassword.isEmpty()) {
                throw new IllegalArgumentException("an SNMPv3 protocol needs its password");
            }
        }

        /** noAuthNoPriv, authNoPriv or authPriv, from the protocols given. */
        public SecurityLevel securityLevel() {
            if (authProtocol == AuthProtocol.NONE) {
                return SecurityLevel.NO_AUTH_NO_PRIV;
            }
            return privProtocol == PrivProtocol.NONE ? SecurityLevel.AUTH_NO_PRIV : SecurityLevel.AUTH_PRIV;
        }

        @Override
        public String toString() {
            return "V3[user=" + user + ", authProtocol=" + authProtocol.yamlName() + ", authPassword="
                    + (authPassword.isPresent() ? "***" : "none") + ", privProtocol=" + privProtocol.yamlName()
                    + ", privPassword=" + (privPassword.isPresent() ? "***" : "none") + "]";
        }
    }

    /** RFC 3414 security levels. */
    enum SecurityLevel {
        NO_AUTH_NO_PRIV,
        AUTH_NO_PRIV,
        AUTH_PRIV
    }

    /** SNMPv3 authentication protocols. YAML: {@code none, MD5, SHA, SHA-224, SHA-256, SHA-384, SHA-512}. */
    enum AuthProtocol {
        NONE, MD5, SHA, SHA_224, SHA_256, SHA_384, SHA_512;

        /** The YAML spelling, e.g. {@code SHA-256}. */
        public String yamlName() {
            return this == NONE ? "none" : name().replace('_', '-');
        }

        /** The protocol spelled {@code text} (case-insensitive), if any. */
        public static Optional<AuthProtocol> fromYaml(String text) {
            for (AuthProtocol p : values()) {
                if (p.yamlName().equalsIgnoreCase(text.strip())) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }
    }

    /** SNMPv3 privacy protocols. YAML: {@code none, DES, AES-128 (or AES), AES-192, AES-256}. */
    enum PrivProtocol {
        NONE, DES, AES_128, AES_192, AES_256;

        /** The YAML spelling, e.g. {@code AES-128}. */
        public String yamlName() {
            return this == NONE ? "none" : name().replace('_', '-');
        }

        /** The protocol spelled {@code text} (case-insensitive; {@code AES} means AES-128), if any. */
        public static Optional<PrivProtocol> fromYaml(String text) {
            String t = text.strip().toUpperCase(Locale.ROOT);
            if (t.equals("AES")) {
                return Optional.of(AES_128);
            }
            for (PrivProtocol p : values()) {
                if (p.yamlName().equalsIgnoreCase(t)) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }
    }
}

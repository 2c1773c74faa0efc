package org.phonecontroller.protocols.snmp;

import java.util.Locale;
import java.util.Objects;

/**
 * How the controller authenticates to a phone's SNMP agent. The daemon maps its credentials file onto these
 * values. {@code toString()} never shows a community or a password.
 */
public sealed interface SnmpCredentials {

    /** SNMPv2c with a community string. */
    record V2c(String community) implements SnmpCredentials {
        public V2c {
            Objects.requireNonNull(community, "community");
        }

        @Override
        public String toString() {
            return "SNMPv2c(community=***)";
        }
    }

    /**
     * SNMPv3 USM. The security level follows from the protocols: {@code NONE/NONE} is noAuthNoPriv, an
     * authentication protocol alone is authNoPriv, both is authPriv.
     */
    record V3(String user, AuthProtocol authProtocol, String authPassword, PrivProtocol privProtocol,
              String privPassword) implements SnmpCredentials {
        public V3 {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(authProtocol, "authProtocol");
            Objects.requireNonNull(privProtocol, "privProtocol");
            authPassword = Objects.requireNonNullElse(authPassword, "");
            privPassword = Objects.requireNonNullElse(privPassword, "");
            if (user.isBlank()) {
                throw new IllegalArgumentException("SNMPv3 user name is blank");
            }
            if (authProtocol == AuthProtocol.NONE && privProtocol != PrivProtocol.NONE) {
                throw new IllegalArgumentException("SNMPv3 user '" + user
                        + "': a privacy protocol needs an authentication protocol (authPriv)");
            }
            if (authProtocol != AuthProtocol.NONE && authPassword.length() < 8) {
                throw new IllegalArgumentException("SNMPv3 user '" + user
                        + "': the authentication password must have at least 8 characters (RFC 3414)");
            }
            if (privProtocol != PrivProtocol.NONE && privPassword.length() < 8) {
                throw new IllegalArgumentException("SNMPv3 user '" + user
                        + "': the privacy password must have at least 8 characters (RFC 3414)");
            }
        }

        /** noAuthNoPriv. */
        public static V3 noAuth(String user) {
            return new V3(user, AuthProtocol.NONE, "", PrivProtocol.NONE, "");
        }

        @Override
        public String toString() {
            return "SNMPv3(user=" + user + ", auth=" + authProtocol.configName() + ", priv="
                    + privProtocol.configName() + ", passwords=***)";
        }
    }

    /** USM authentication protocols; configuration names as in the credentials file ({@code SHA-256}). */
    enum AuthProtocol {
        NONE("none"), MD5("MD5"), SHA("SHA"), SHA_224("SHA-224"), SHA_256("SHA-256"), SHA_384("SHA-384"),
        SHA_512("SHA-512");

        private final String configName;

        AuthProtocol(String configName) {
            this.configName = configName;
        }

        public String configName() {
            return configName;
        }

        /** Parses {@code none}, {@code MD5}, {@code SHA} (also {@code SHA-1}), {@code SHA-224} ... {@code SHA-512}. */
        public static AuthProtocol parse(String text) {
            String t = text.trim().toUpperCase(Locale.ROOT).replace('_', '-');
            if (t.equals("SHA-1") || t.equals("SHA1")) {
                return SHA;
            }
            for (AuthProtocol p : values()) {
                if (p.configName.toUpperCase(Locale.ROOT).equals(t) || p.configName.replace("-", "")
                        .toUpperCase(Locale.ROOT).equals(t)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown SNMPv3 authentication protocol '" + text
                    + "' (expected none, MD5, SHA, SHA-224, SHA-256, SHA-384 or SHA-512)");
        }
    }

    /** USM privacy protocols; configuration names as in the credentials file ({@code AES-128}). */
    enum PrivProtocol {
        NONE("none"), DES("DES"), AES_128("AES-128"), AES_192("AES-192"), AES_256("AES-256");

        private final String configName;

        PrivProtocol(String configName) {
            this.configName = configName;
        }

        public String configName() {
            return configName;
        }

        /** Parses {@code none}, {@code DES}, {@code AES} (= {@code AES-128}), {@code AES-192}, {@code AES-256}. */
        public static PrivProtocol parse(String text) {
            String t = text.trim().toUpperCase(Locale.ROOT).replace('_', '-');
            if (t.equals("AES") || t.equals("AES128")) {
                return AES_128;
            }
            for (PrivProtocol p : values()) {
                if (p.configName.toUpperCase(Locale.ROOT).equals(t) || p.configName.replace("-", "")
                        .toUpperCase(Locale.ROOT).equals(t)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown SNMPv3 privacy protocol '" + text
                    + "' (expected none, DES, AES-128, AES-192 or AES-256)");
        }
    }
}

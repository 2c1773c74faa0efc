package org.phonecontroller.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a PhoneManager's probe needs is checked when the configuration is loaded: the trust of a probe over TLS,
 * the SNMP credentials of an snmp probe, and the credentials file's SNMPv3 users; protocol names are checked too.
 */
class PhoneManagerProbeConfigTest {
    @TempDir
    Path folder;

    private static final String PIN = "AB:".repeat(31) + "AB";

    private Path write(String name, String text) throws IOException {
        Path file = folder.resolve(name);
        Files.writeString(file, text);
        if (name.contains("credentials")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return file;
    }

    private Path config(String phoneManagers, String protocols) throws IOException {
        return write("controller.yaml", "phoneManagers:\n" + phoneManagers + """
                  pm-b: { address: 10.0.1.10 }
                ranges:
                  - name: floor-1
                    addresses: [10.1.0.0/24]
                    primary: pm-a
                    fallback: pm-b
                    protocols: %s
                """.formatted(protocols));
    }

    private List<String> problems(Path config) {
        return ConfigFixtures.printed(new ConfigLoader().load(config), folder);
    }

    @Test
    void readsTheTrustOfATlsPhoneManager() throws IOException {
        Files.copy(ConfigFixtures.resourceFolder("tls").resolve("pbx.pem"), folder.resolve("pbx.pem"));
        write("credentials.yaml", "default:\n  http: { user: u, password: p }\n");
        Path config = config("""
                  pm-a: { address: 10.0.0.10, transport: tls, tls: { trust: pbx.pem } }
                  pm-c: { address: 10.0.0.11, transport: tls, tls: { trust: "sha256:%s" } }
                  pm-d: { address: 10.0.0.12, transport: tls }
                  pm-e: { address: 10.0.0.13:443, probe: http, tls: { trust: system } }
                """.formatted(PIN), "[polycom-rest]");

        var valid = (ConfigLoadResult.Valid) new ConfigLoader().load(config);

        var pms = valid.config().phoneManagers();
        assertThat(pms.get("pm-a").trust()).isEqualTo(new TlsTrust.PemFile(folder.resolve("pbx.pem")));
        assertThat(pms.get("pm-c").trust()).isEqualTo(new TlsTrust.Pinned("ab".repeat(32)));
        assertThat(pms.get("pm-d").trust()).isEqualTo(TlsTrust.SYSTEM);
        assertThat(pms.get("pm-d").tls()).isEmpty();
        assertThat(pms.get("pm-e").httpsProbe()).isTrue();
        assertThat(pms.get("pm-b").httpsProbe()).isFalse();
    }

    @Test
    void refusesATrustThatCannotWork() throws IOException {
        write("not-a-cert.pem", "hello\n");
        write("credentials.yaml", "default:\n  http: { user: u, password: p }\n");
        Path config = config("""
                  pm-a: { address: 10.0.0.10, transport: tls, tls: { trust: missing.pem } }
                  pm-c: { address: 10.0.0.11, transport: tls, tls: { trust: "sha256:abcd" } }
                  pm-d: { address: 10.0.0.12, transport: tls, tls: { trust: not-a-cert.pem } }
                  pm-e: { address: 10.0.0.13, transport: udp, tls: { trust: system } }
                  pm-f: { address: 10.0.0.14, transport: tls, tls: { trusts: system } }
                """, "[polycom-rest]");

        assertThat(problems(config)).containsExactly(
                "controller.yaml:2:61: phoneManager 'pm-a' tls trust: 'missing.pem' (missing.pem) is not a file; "
                        + "write system, sha256:HEX (the certificate's fingerprint) or a PEM file of trusted "
                        + "certificates",
                "controller.yaml:3:61: phoneManager 'pm-c' tls trust: 'abcd' is not a SHA-256 fingerprint (64 hex "
                        + "digits, colons allowed, as 'openssl x509 -noout -fingerprint -sha256' prints it)",
                "controller.yaml:4:61: phoneManager 'pm-d' tls trust: 'not-a-cert.pem' (not-a-cert.pem) is not PEM "
                        + "certificates (No certificate data found)",
                "controller.yaml:5:52: phoneManager 'pm-e' has tls:, but probes with sip-options over udp; tls: is "
                        + "used by a sip-options probe with transport: tls and by an http probe (which it turns to "
                        + "https)",
                "controller.yaml:6:52: phoneManager 'pm-f' tls has no 'trust'",
                "controller.yaml:6:54: unknown key 'trusts' in phoneManager 'pm-f' tls; did you mean 'trust'?");
    }

    @Test
    void anSnmpProbeNeedsTheSnmpCredentialsOfItsKey() throws IOException {
        write("credentials.yaml", """
                default:
                  http: { user: u, password: p }
                pbx-snmp:
                  snmp: { version: 3, user: monitor, authProtocol: SHA-256, authPassword: "Monitor-Auth-Secret" }
                """);
        Path good = config("  pm-a: { address: 10.0.0.10, probe: snmp, credentials: pbx-snmp }\n", "[polycom-rest]");
        var valid = (ConfigLoadResult.Valid) new ConfigLoader().load(good);
        assertThat(valid.config().phoneManagers().get("pm-a").credentialsKey()).isEqualTo("pbx-snmp");

        Path bad = config("""
                  pm-a: { address: 10.0.0.10, probe: snmp }
                  pm-c: { address: 10.0.0.11, probe: snmp, credentials: pbx-snpm }
                """, "[polycom-rest]");
        assertThat(problems(bad)).containsExactly(
                "controller.yaml:2:9: phoneManager 'pm-a' is probed with snmp, but 'default' in credentials.yaml has "
                        + "no snmp credentials",
                "controller.yaml:3:57: phoneManager 'pm-c': credentials 'pbx-snpm' are not in credentials.yaml; did "
                        + "you mean 'pbx-snmp'?");
    }

    @Test
    void anSnmpProbeWithoutAnyCredentialsIsRefused() throws IOException {
        Path config = config("  pm-a: { address: 10.0.0.10, probe: snmp }\n", "[polycom-rest]");
        assertThat(problems(config)).contains("controller.yaml:2:3: phoneManager 'pm-a' is probed with snmp, which "
                + "needs SNMP credentials (there is no built-in community), but there is no credentials file "
                + "(credentials.yaml); name a key with 'credentials:'");
    }

    @Test
    void refusesOneSnmpV3UserWithTwoSetsOfKeys() throws IOException {
        write("credentials.yaml", """
                floor-1:
                  snmp: { version: 3, user: admin, authProtocol: SHA-256, authPassword: "First-Auth-Secret" }
                floor-2:
                  snmp: { version: 3, user: admin, authProtocol: SHA-256, authPassword: "Second-Auth-Secret" }
                floor-3:
                  snmp: { version: 3, user: admin, authProtocol: SHA-256, authPassword: "First-Auth-Secret" }
                """);
        Path config = config("  pm-a: { address: 10.0.0.10 }\n", "[snmp:sip-ua-generic]");

        assertThat(problems(config)).containsExactly("credentials.yaml:4:29: credentials 'floor-2' snmp: SNMPv3 "
                + "user 'admin' has other protocols or passwords than in credentials 'floor-1' snmp (line 2); the "
                + "controller holds one set of keys per SNMPv3 user name, so use the same keys or another user name")
                .noneMatch(p -> p.contains("Secret"));
    }

    @Test
    void refusesSipNotifyWithAdvice() throws IOException {
        Path config = config("  pm-a: { address: 10.0.0.10 }\n", "[sip-notify]");
        assertThat(problems(config)).containsExactly("controller.yaml:9:17: range 'floor-1': protocol 'sip-notify' "
                + "is not supported: " + ProtocolNames.REFUSED.get("sip-notify"));
        assertThat(ProtocolNames.REFUSED.get("sip-notify")).contains("provisioning:<profile>");
    }

    @Test
    void asksTheProtocolCheckAboutEveryProtocolAtItsPlace() throws IOException {
        write("credentials.yaml", "default:\n  snmp: { version: 2c, community: c }\n");
        Path config = config("  pm-a: { address: 10.0.0.10 }\n", "[snmp:sip-ua-generic, snmp:typo]");
        ProtocolCheck check = dir -> {
            assertThat(dir).isEqualTo(folder.resolve("profiles"));
            return name -> name.equals("snmp:typo") ? Optional.of("unknown SNMP profile 'typo'") : Optional.empty();
        };

        assertThat(ConfigFixtures.printed(new ConfigLoader(check).load(config), folder))
                .containsExactly("controller.yaml:9:38: range 'floor-1': unknown SNMP profile 'typo'");
        assertThat(problems(config)).containsExactly("VALID");
    }
}

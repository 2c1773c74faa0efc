package org.phonecontroller.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code notify:} receivers: read in file order, every problem at its file:line:column, no secret in messages. */
class NotifyConfigTest {
    @TempDir
    Path folder;
    Path script;

    static final String HEAD = """
            phoneManagers:
              pm-a: { address: 127.70.0.10:5060 }
              pm-b: { address: 127.70.1.10:5060 }
            ranges:
              - { name: floor-1, addresses: [127.70.16.0/28], primary: pm-a, fallback: pm-b, protocols: [snmp:sip-ua-generic] }
            """;

    @BeforeEach
    void files() throws Exception {
        script = folder.resolve("alert.sh");
        Files.writeString(script, "#!/bin/sh\ncat >/dev/null\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path credentials = folder.resolve("credentials.yaml");
        Files.writeString(credentials, """
                floor-1: { snmp: { version: 2c, community: "phones" } }
                hooks: { token: "s3cret-token" }
                mail: { smtp: { user: pc, password: "s3cret-mail" } }
                traps: { snmp: { version: 2c, community: "s3cret-community" } }
                """);
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
    }

    ConfigLoadResult load(String notify) throws Exception {
        Path file = folder.resolve("controller.yaml");
        Files.writeString(file, HEAD + notify);
        return new ConfigLoader().load(file);
    }

    List<String> problems(String notify) throws Exception {
        return ConfigFixtures.printed(load(notify), folder);
    }

    @Test
    void readsEveryKindOfReceiverInFileOrderWithDefaults() throws Exception {
        ConfigLoadResult result = load("""
                notify:
                  - { command: alert.sh }
                  - { webhook: "https://127.70.0.3:8443/hook?x=1", credentials: hooks, timeout: 3s }
                  - { email: { smtp: "127.70.0.4:587", starttls: true, from: "pc@example.org", to: ["ops@example.org"] }, credentials: mail }
                  - { snmpTrap: "127.70.0.2:16200", credentials: traps, kinds: [PHONE_MANAGER_DOWN, failover_started] }
                  - { syslog: "tcp:127.70.0.5" }
                """);
        assertThat(result).isInstanceOf(ConfigLoadResult.Valid.class);
        var valid = (ConfigLoadResult.Valid) result;
        List<NotifyReceiver> receivers = valid.config().receivers();
        assertThat(receivers).extracting(NotifyReceiver::destination).containsExactly(
                new NotifyReceiver.Command(script),
                new NotifyReceiver.Webhook(URI.create("https://127.70.0.3:8443/hook?x=1")),
                new NotifyReceiver.Email("127.70.0.4", 587, NotifyReceiver.MailSecurity.STARTTLS, "pc@example.org",
                        List.of("ops@example.org")),
                new NotifyReceiver.SnmpTrap("127.70.0.2", 16200, NotifyReceiver.DEFAULT_ENTERPRISE),
                new NotifyReceiver.Syslog(NotifyReceiver.SyslogTransport.TCP, "127.70.0.5", 601));
        assertThat(receivers.get(0).timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(receivers.get(1).timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(receivers.get(1).name()).isEqualTo("webhook https://127.70.0.3:8443/hook");
        assertThat(receivers.get(3).kinds()).isEqualTo(Set.of("PHONE_MANAGER_DOWN", "FAILOVER_STARTED"));
        assertThat(receivers.get(0).kinds()).isEmpty();
        assertThat(valid.credentials().byKey().get("hooks").token()).contains("s3cret-token");
        assertThat(valid.credentials().byKey().get("mail").smtp().map(HttpCredentials::user)).isEqualTo(
                Optional.of("pc"));
    }

    @Test
    void refusesAMissingOrNotExecutableCommand() throws Exception {
        Path plain = folder.resolve("plain.sh");
        Files.writeString(plain, "#!/bin/sh\n");
        Files.setPosixFilePermissions(plain, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(problems("""
                notify:
                  - { command: /nonexistent/pc-alert }
                  - { command: plain.sh }
                """)).containsExactly(
                "controller.yaml:7:16: notify command '/nonexistent/pc-alert' does not exist (resolved to "
                        + "/nonexistent/pc-alert)",
                "controller.yaml:8:16: notify command 'plain.sh' is not executable (run 'chmod +x plain.sh')");
    }

    @Test
    void refusesBadUrlsAddressesKindsAndShapes() throws Exception {
        assertThat(problems("""
                notify:
                  - { webhook: "ftp://127.70.0.3/x" }
                  - { webhook: "http://user:pw@127.70.0.3/x" }
                  - { snmpTrap: "127.70.0.2:99999", credentials: traps }
                  - { syslog: "127.70.0.5:514" }
                  - { syslog: "udp:300.1.1.1" }
                  - { email: { smtp: "127.70.0.4", from: "nobody", to: [] } }
                  - { webhook: "https://127.70.0.3/", kinds: [PHONE_MANAGER_DWN] }
                  - { webhook: "https://127.70.0.3/", syslog: "udp:127.70.0.5" }
                  - { snmpTrap: "127.70.0.2" }
                  - { snmpTrap: "127.70.0.2", credentials: trapz }
                  - { webhook: "https://127.70.0.3/", credentials: traps }
                  - "syslog: udp:127.70.0.5"
                """)).containsExactly(
                "controller.yaml:7:16: notify webhook must be an http:// or https:// URL, not 'ftp://127.70.0.3/x'",
                "controller.yaml:8:16: notify webhook must not carry a login in its URL; put a bearer token in the "
                        + "credentials file and name it with 'credentials:'",
                "controller.yaml:9:17: notify snmpTrap: the port in '127.70.0.2:99999' must be from 1 to 65535, not "
                        + "99999",
                "controller.yaml:10:15: notify syslog must be udp:HOST[:PORT], tcp:HOST[:PORT] or tls:HOST[:PORT], "
                        + "not '127.70.0.5:514'",
                "controller.yaml:11:15: notify syslog: '300.1.1.1' is not a valid IPv4 address",
                "controller.yaml:12:42: notify email from 'nobody' is not a mail address (name@domain)",
                "controller.yaml:12:56: notify email to lists no address",
                "controller.yaml:13:47: notify webhook kinds: unknown event kind 'PHONE_MANAGER_DWN'; did you mean"
                        + " 'PHONE_MANAGER_DOWN'?",
                "controller.yaml:14:5: a notify entry needs exactly one of command, webhook, email, snmpTrap, syslog,"
                        + " not 2",
                "controller.yaml:15:5: notify snmpTrap needs 'credentials:', a key of the credentials file with snmp:"
                        + " { version: 2c, community: ... } (a trap) or { version: 3, user: ... } (an inform)",
                "controller.yaml:16:44: notify snmpTrap 127.70.0.2:162: credentials 'trapz' are not in "
                        + "credentials.yaml; did you mean 'traps'?",
                "controller.yaml:17:52: notify webhook https://127.70.0.3/ needs 'token' in credentials 'traps' of "
                        + "credentials.yaml",
                "controller.yaml:18:5: a notify entry must be a mapping such as { webhook: \"https://...\" }, not a "
                        + "text value");
    }

    @Test
    void neverQuotesASecretOfTheCredentialsFile() throws Exception {
        Path credentials = folder.resolve("credentials.yaml");
        Files.writeString(credentials, """
                hooks: { token: "" }
                mail: { smtp: { user: pc, "s3cret-mail" } }
                """);
        List<String> problems = problems("""
                notify:
                  - { webhook: "https://127.70.0.3/", credentials: hooks }
                """);
        assertThat(problems).isNotEmpty().noneMatch(p -> p.contains("s3cret"));
    }
}

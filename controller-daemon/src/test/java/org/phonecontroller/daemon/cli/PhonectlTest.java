package org.phonecontroller.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhonectlTest {
    @TempDir
    Path folder;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int phonectl(String... args) {
        return Phonectl.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(folder.resolve(name), text);
    }

    private static final String GOOD = """
            phoneManagers:
              pm-primary:  { address: 10.0.0.10:5060 }
              pm-fallback: { address: 10.0.1.10:5060 }
            ranges:
              - name: floor-1
                addresses: [10.1.0.0/22, 10.1.8.10-10.1.8.200]
                primary: pm-primary
                fallback: pm-fallback
                protocols: [snmp:sip-ua-generic]
              - name: lobby
                addresses: [10.1.9.1]
                primary: pm-fallback
                fallback: pm-primary
                protocols: [snmp:sip-ua-generic]
            """;

    private void credentials() throws IOException {
        Path file = write("credentials.yaml", "default:\n  snmp: { version: 2c, community: \"Cli-Community-Secret\" }\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void theDaemonAloneSaysAndExitsAsWithinTheWholeCommandLine() {
        StringWriter aloneOut = new StringWriter();
        StringWriter aloneErr = new StringWriter();
        var alone = Phonectl.daemonCommandLine();
        alone.setOut(new PrintWriter(aloneOut, true));
        alone.setErr(new PrintWriter(aloneErr, true));

        assertThat(alone.execute("--help")).isEqualTo(phonectl("daemon", "--help")).isEqualTo(ExitCodes.OK);
        assertThat(aloneOut.toString()).isEqualTo(out.toString()).contains("Usage: phonectl daemon", "Exit codes:");

        aloneOut.getBuffer().setLength(0);
        out.getBuffer().setLength(0);
        assertThat(alone.execute("--logs", "x")).isEqualTo(phonectl("daemon", "--logs", "x"))
                .isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(aloneErr.toString()).isEqualTo(err.toString()).contains("--config");
    }

    @Test
    void summarisesAValidConfigurationOnOneLine() throws IOException {
        credentials();
        Path config = write("controller.yaml", GOOD);

        int exit = phonectl("config", "validate", "--config", config.toString());

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).isEqualTo(config + ": valid \u2014 2 PhoneManagers, 2 ranges, 1,216 addresses"
                + System.lineSeparator());
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void listsEveryProblemOnStderrAndExitsWithTwo() throws IOException {
        credentials();
        Path config = write("controller.yaml", GOOD.replace("primary: pm-fallback", "primary: pm-fallbak")
                .replace("10.1.9.1", "10.1.2.3") + "failover: { maxInflight: 64 }\n");

        int exit = phonectl("config", "validate", "--config", config.toString());

        assertThat(exit).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().lines()).containsExactly(
                config + ":11:17: range 'lobby' overlaps 'floor-1' at 10.1.2.3",
                config + ":12:14: range 'lobby': primary 'pm-fallbak' is not a PhoneManager; did you mean 'pm-fallback'?",
                config + ":15:13: unknown key 'maxInflight' in failover; did you mean 'maxInFlight'?",
                config + ": invalid \u2014 3 problems");
    }

    @Test
    void refusesWhatWouldOtherwiseFailOnlyAtRunTime() throws IOException {
        Path credentials = write("credentials.yaml", """
                floor-1:
                  snmp: { version: 3, user: admin, authProtocol: SHA-256, authPassword: "First-Auth-Secret" }
                default:
                  snmp: { version: 3, user: admin, authProtocol: SHA-256, authPassword: "Other-Auth-Secret" }
                """);
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
        Path config = write("controller.yaml", GOOD.replace("[snmp:sip-ua-generic]\n  - name: lobby",
                "[snmp:sip-ua-generik]\n  - name: lobby").replaceFirst("(?s)(name: lobby.*)\\[snmp:sip-ua-generic]",
                "$1[sip-notify]"));

        int exit = phonectl("config", "validate", "--config", config.toString());

        assertThat(exit).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(err.toString().lines()).containsExactly(
                config + ":9:17: range 'floor-1': unknown SNMP profile 'sip-ua-generik' (known: cisco-sip-ua, "
                        + "sip-ua-generic; extra profiles go in " + folder.resolve("profiles") + ")",
                config + ":14:17: range 'lobby': protocol 'sip-notify' is not supported: sip-notify can trigger a "
                        + "re-provisioning but cannot read or verify a phone's servers, so the daemon never used it; "
                        + "use provisioning:<profile> (e.g. provisioning:yealink), which serves the phones' files with "
                        + "the servers set and triggers them with SIP NOTIFY",
                credentials + ":4:29: credentials 'default' snmp: SNMPv3 user 'admin' has other protocols or "
                        + "passwords than in credentials 'floor-1' snmp (line 2); the controller holds one set of keys "
                        + "per SNMPv3 user name, so use the same keys or another user name",
                config + ": invalid \u2014 3 problems");
        assertThat(err.toString()).doesNotContain("Secret");
    }

    @Test
    void acceptsAProfileFromTheProfilesFolder() throws IOException {
        credentials();
        Files.createDirectories(folder.resolve("profiles"));
        try (var builtIn = getClass().getResourceAsStream(
                "/org/phonecontroller/protocols/snmp/profiles/sip-ua-generic.yaml")) {
            write("profiles/desk-phone.yaml", new String(builtIn.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("name: sip-ua-generic", "name: desk-phone"));
        }
        Path config = write("controller.yaml", GOOD.replace("[snmp:sip-ua-generic]\n  - name: lobby",
                "[snmp:desk-phone]\n  - name: lobby"));

        assertThat(phonectl("config", "validate", "--config", config.toString())).as(err.toString())
                .isEqualTo(ExitCodes.OK);
    }

    @Test
    void acceptsKnownProvisioningProfilesAndRejectsUnknownOnesWithWhereTheyAreWritten() throws IOException {
        credentials();
        Path good = write("controller.yaml", GOOD.replaceFirst("(?s)(name: lobby.*)\\[snmp:sip-ua-generic]", "$1[provisioning:yealink]")
                + "provisioning: { listen: 0.0.0.0:8880 }\n");
        assertThat(phonectl("config", "validate", "--config", good.toString())).isEqualTo(ExitCodes.OK);

        Path bad = write("bad.yaml", GOOD.replaceFirst("(?s)(name: lobby.*)\\[snmp:sip-ua-generic]", "$1[provisioning:yelink]")
                + "provisioning: { listen: 0.0.0.0:8880, source: { url: \"http://u:p@pbx/prov/\" } }\n");
        assertThat(phonectl("config", "validate", "--config", bad.toString())).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(err.toString().lines()).contains(
                bad + ":14:17: range 'lobby': unknown provisioning profile 'yelink' (known: cisco-mpp, fanvil, grandstream,"
                        + " polycom, snom, yealink; extra profiles go in " + folder.resolve("profiles/provisioning") + ")")
                .anySatisfy(l -> assertThat(l).startsWith(bad + ":15:54:").contains("must not carry a user or password"));
    }

    @Test
    void rejectsAProvisioningRangeWithoutTheProvisioningServer() throws IOException {
        credentials();
        Path config = write("controller.yaml", GOOD.replaceFirst("(?s)(name: lobby.*)\\[snmp:sip-ua-generic]",
                "$1[provisioning:fanvil]"));
        assertThat(phonectl("config", "validate", "--config", config.toString()))
                .isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(err.toString()).contains("range 'lobby' uses provisioning:fanvil, which needs the provisioning server");
    }

    @Test
    void refusesAWorldReadableCredentialsFileWithTheFix() throws IOException {
        credentials();
        Files.setPosixFilePermissions(folder.resolve("credentials.yaml"), PosixFilePermissions.fromString("rw-r--r--"));
        Path config = write("controller.yaml", GOOD);

        int exit = phonectl("config", "validate", "--config", config.toString());

        assertThat(exit).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(err.toString()).contains("chmod 600 " + folder.resolve("credentials.yaml"))
                .doesNotContain("Cli-Community-Secret");
    }

    @Test
    void reportsAMissingFile() {
        int exit = phonectl("config", "validate", "--config", folder.resolve("nope.yaml").toString());

        assertThat(exit).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(err.toString()).startsWith(folder.resolve("nope.yaml") + ": does not exist");
    }

    @Test
    void suggestsTheCommandMeantOnATypo() {
        int exit = phonectl("confg", "validate");

        assertThat(exit).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(err.toString()).contains("Unmatched arguments from index 0: 'confg', 'validate'")
                .contains("Did you mean: phonectl config");
    }

    @Test
    void treatsUnknownOptionsAndMissingOnesAsUsageErrors() {
        assertThat(phonectl("config", "validate", "--config", "x.yaml", "--verbose"))
                .isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(err.toString()).contains("Unknown option: '--verbose'");
        assertThat(phonectl("config", "valdate")).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(err.toString()).contains("Did you mean: config validate?");
        assertThat(phonectl("config", "validate")).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(err.toString()).contains("Missing required option: '--config=FILE'");
        assertThat(phonectl()).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(err.toString()).contains("Missing a command");
    }

    @Test
    void listsTheExitCodesInItsHelp() {
        assertThat(phonectl("--help")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("Exit codes:", "0   ok", "1   partly failed", "2   usage or configuration error",
                "3   daemon unreachable");
        assertThat(out.toString()).containsPattern("config +Work with configuration files.");
        out.getBuffer().setLength(0);
        assertThat(phonectl("config", "validate", "--help")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("--config=FILE", "Exit codes:", "3   daemon unreachable");
    }

    @Test
    void printsTheBuildVersion() {
        assertThat(phonectl("--version")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).startsWith("phonectl 0.").doesNotContain("${project.version}");
    }
}

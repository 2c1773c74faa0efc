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
                protocols: [sip-notify]
            """;

    private void credentials() throws IOException {
        Path file = write("credentials.yaml", "default:\n  snmp: { version: 2c, community: \"Cli-Community-Secret\" }\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
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
    void acceptsKnownProvisioningProfilesAndRejectsUnknownOnesWithWhereTheyAreWritten() throws IOException {
        credentials();
        Path good = write("controller.yaml", GOOD.replace("protocols: [sip-notify]", "protocols: [provisioning:yealink]")
                + "provisioning: { listen: 0.0.0.0:8880 }\n");
        assertThat(phonectl("config", "validate", "--config", good.toString())).isEqualTo(ExitCodes.OK);

        Path bad = write("bad.yaml", GOOD.replace("protocols: [sip-notify]", "protocols: [provisioning:yelink]")
                + "provisioning: { listen: 0.0.0.0:8880, source: { url: \"http://u:p@pbx/prov/\" } }\n");
        assertThat(phonectl("config", "validate", "--config", bad.toString())).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(err.toString().lines()).contains(
                bad + ":14:17: range 'lobby': unknown provisioning profile 'yelink' (known: cisco-mpp, fanvil, grandstream,"
                        + " polycom, snom, yealink; extra ones go in " + folder.resolve("profiles/provisioning") + ")")
                .anySatisfy(l -> assertThat(l).startsWith(bad + ":15:54:").contains("must not carry a user or password"));
    }

    @Test
    void rejectsAProvisioningRangeWithoutTheProvisioningServer() throws IOException {
        credentials();
        Path config = write("controller.yaml", GOOD.replace("protocols: [sip-notify]",
                "protocols: [provisioning:fanvil]"));
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

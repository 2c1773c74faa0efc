package org.phonecontroller.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path folder;

    private static final String RANGES = """
            phoneManagers:
              pm-primary:  { address: 10.0.0.10:5060 }
              pm-fallback: { address: 10.0.1.10:5060 }
            ranges:
              - name: floor-1
                addresses: [10.1.0.0/22]
                primary: pm-primary
                fallback: pm-fallback
                protocols: [snmp:sip-ua-generic, polycom-rest]
            """;

    private Path write(String name, String text) throws IOException {
        Path file = folder.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        if (name.contains("credentials")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return file;
    }

    private List<String> problems(Path config) {
        return ConfigFixtures.printed(new ConfigLoader().load(config), folder);
    }

    @Test
    void resolvesRelativePathsAgainstTheFolderOfTheConfiguration() throws IOException {
        write("secrets/credentials.yaml", "floor-1:\n  snmp: { version: 2c, community: \"Path-Secret\" }\n"
                + "  http: { user: u, password: \"Path-Secret\" }\n");
        Files.createDirectories(folder.resolve("conf/profiles"));
        Path config = write("conf/controller.yaml", RANGES + """
                credentialsFile: ../secrets/credentials.yaml
                profilesDir: profiles
                admin: { tokenFile: ../data/token }
                """);

        ConfigLoadResult.Valid valid = (ConfigLoadResult.Valid) new ConfigLoader().load(config);

        assertThat(valid.config().credentialsFile()).isEqualTo(folder.resolve("secrets/credentials.yaml"));
        assertThat(valid.config().profilesDir()).isEqualTo(folder.resolve("conf/profiles"));
        assertThat(valid.config().admin().tokenFile()).isEqualTo(folder.resolve("data/token"));
        assertThat(valid.config().admin().listen()).isEqualTo("127.0.0.1:8765");
    }

    @Test
    void reportsProblemsOfBothFilesAtOnce() throws IOException {
        write("credentials.yaml", "floor-1:\n  snmp: { version: 3, user: ops, authProtocol: SHA, authPassword: x }\n"
                + "  http: { user: u, password: \"Both-Secret\" }\n");
        Path config = write("controller.yaml", RANGES.replace("10.1.0.0/22", "10.1.0.0/21x") + "probe: { retries: 3 }\n");

        assertThat(problems(config)).containsExactly(
                "controller.yaml:6:17: range 'floor-1': invalid address range '10.1.0.0/21x': the prefix length must "
                        + "be a number from 0 to 32",
                "controller.yaml:10:10: unknown key 'retries' in probe (known: interval, timeout, failuresToDown, "
                        + "successesToUp, witnesses)",
                "credentials.yaml:2:67: credentials 'floor-1' snmp authPassword is shorter than 8 characters, which "
                        + "SNMPv3 agents refuse");
    }

    @Test
    void neverShowsASecretWhateverTheMistake() throws IOException {
        write("credentials.yaml", """
                floor-1:
                  snmp: { version: 3, user: ops, authProtocol: SHA, authPassword: [ "Leak-1-Secret" ], privProtocol: AES, privPassword: { p: "Leak-2-Secret" } }
                  http: { user: u, passwd: "Leak-3-Secret", "Leak-4-Secret" }
                floor-2:
                  snmp: { version: 2c, comunity: "Leak-5-Secret" }
                  http: "Leak-6-Secret"
                default:
                  snmp: { version: 3, user: ops, authPassword: "Leak-7-Secret" }
                storage: "Leak-8-Secret"
                """);
        Path config = write("controller.yaml", RANGES);

        List<String> problems = problems(config);

        assertThat(problems).hasSizeGreaterThanOrEqualTo(8).noneMatch(p -> p.contains("Leak"));
    }

    @Test
    void keepsCheckingAfterADuplicateKey() throws IOException {
        write("credentials.yaml", "default:\n  http: { user: u, password: p }\n");
        Path config = write("controller.yaml", RANGES.replace("protocols: [snmp:sip-ua-generic, polycom-rest]",
                "protocols: [polycom-rest]\n    primary: pm-fallback") + "scan: { retries: 99 }\n");

        assertThat(problems(config)).containsExactly(
                "controller.yaml:10:5: duplicate key 'primary' (first at line 7); YAML would silently keep only one of "
                        + "them",
                "controller.yaml:11:18: scan.retries must be from 0 to 10, not 99");
    }

    @Test
    void refusesWhatCannotBeAConfigurationFile() throws IOException {
        Files.createDirectories(folder.resolve("conf.d"));
        Path huge = write("huge.yaml", "# " + "x".repeat(1 << 20) + "\n");
        Files.write(folder.resolve("latin1.yaml"), new byte[] {'a', ':', ' ', (byte) 0xE9, '\n'});

        assertThat(problems(folder.resolve("conf.d"))).containsExactly("conf.d: is a folder, not a file");
        assertThat(problems(huge)).containsExactly("huge.yaml: is 1048577 bytes long; a configuration file is at most "
                + "1048576 bytes (is this the right file?)");
        assertThat(problems(folder.resolve("latin1.yaml"))).containsExactly("latin1.yaml: is not UTF-8 text; save it "
                + "as UTF-8");
        assertThat(problems(folder.resolve("missing.yaml"))).containsExactly("missing.yaml: does not exist");
    }

    @Test
    void asksForCredentialsWhenTheProtocolsNeedThem() throws IOException {
        Path needy = write("needy.yaml", RANGES);
        assertThat(problems(needy)).containsExactly("needy.yaml:5:11: range 'floor-1' uses snmp:sip-ua-generic, "
                + "polycom-rest, which need credentials, but there is no credentials file (credentials.yaml)");
    }

    @Test
    void readsFilesWrittenOnWindows() throws IOException {
        write("credentials.yaml", "default:\r\n  snmp: { version: 2c, community: c }\r\n  http: { user: u, "
                + "password: p }\r\n");
        String windows = "\uFEFF" + RANGES.replace("\n", "\r\n");
        Path config = write("windows.yaml", windows);

        assertThat(problems(config)).containsExactly("VALID");
        Path broken = write("broken.yaml", windows.replace("10.1.0.0/22", "10.1.0.0/33"));
        assertThat(problems(broken)).containsExactly("broken.yaml:6:17: range 'floor-1': invalid address range "
                + "'10.1.0.0/33': the prefix length of an IPv4 block is 0 to 32");
    }
}

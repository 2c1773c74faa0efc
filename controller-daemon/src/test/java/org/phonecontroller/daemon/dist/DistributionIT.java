package org.phonecontroller.daemon.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packed distribution, unpacked like an admin would, and its launcher run as a separate process. */
class DistributionIT {

    @TempDir
    static Path unpacked;

    static Path home;

    @BeforeAll
    static void unpack() throws Exception {
        Path archive = Path.of(System.getProperty("phonecontroller.distribution",
                "target/phonecontroller-0.1.0-SNAPSHOT.tar.gz"));
        assertThat(archive).exists();
        Run tar = run(List.of("tar", "xzf", archive.toString(), "-C", unpacked.toString()), Map.of());
        assertThat(tar.exit()).as(tar.err()).isZero();
        try (var top = Files.list(unpacked)) {
            home = top.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    @Test
    void containsTheDocumentedLayout() throws IOException {
        assertThat(home.getFileName().toString()).startsWith("phonecontroller-");
        for (String file : List.of("bin/phonectl", "bin/phonectl.cmd", "bin/phonectl_completion",
                "conf/controller.yaml", "conf/credentials.yaml.example", "conf/logback.xml",
                "service/phonecontroller.service", "service/install-linux.sh", "service/phonecontroller-service.xml",
                "service/install-windows.ps1", "docs/install.md", "docs/cli.md", "docs/admin-api.md")) {
            assertThat(home.resolve(file)).as(file).isRegularFile();
        }
        assertThat(home.resolve("data")).isDirectory();
        assertThat(home.resolve("conf/profiles")).isDirectory();
        assertThat(home.resolve("logs")).doesNotExist();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("bin/phonectl"))))
                .isEqualTo("rwxr-xr-x");
        try (var jars = Files.list(home.resolve("lib"))) {
            assertThat(jars.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("controller-daemon-"))
                    .anyMatch(n -> n.startsWith("picocli-"))
                    .noneMatch(n -> n.startsWith("junit-") || n.startsWith("assertj-"));
        }
        assertThat(Files.readString(home.resolve("bin/phonectl.cmd"))).contains("\r\n");
        assertThat(Files.readString(home.resolve("bin/phonectl_completion"))).contains("failback", "--dry-run");
    }

    @Test
    void theLauncherFindsAJavaAndPrintsTheHelp() throws Exception {
        Run help = phonectl("--help");

        assertThat(help.exit()).as(help.err()).isZero();
        assertThat(help.out()).contains("config", "status", "phones", "scan", "failback", "failover", "events")
                .contains("Exit codes:", "3   daemon unreachable");
    }

    @Test
    void theLauncherPassesOverAnOlderJavaInJavaHomeAndOnThePath() throws Exception {
        Path java17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
        assumeThat(java17).as("a Java 17 to pass over").isDirectory();

        Run version = run(List.of(home.resolve("bin/phonectl").toString(), "--version"), Map.of(
                "JAVA_HOME", java17.toString(), "PATH", java17.resolve("bin") + ":/usr/bin:/bin"));

        assertThat(version.exit()).as(version.err()).isZero();
        assertThat(version.out()).isNotBlank();
    }

    @Test
    void theCompletionScriptLoadsIntoBash() throws Exception {
        Run bash = run(List.of("bash", "-c", "source bin/phonectl_completion && complete -p phonectl"),
                Map.of());

        assertThat(bash.exit()).as(bash.err()).isZero();
        assertThat(bash.out()).contains("phonectl");
    }

    @Test
    void theShippedExampleIsValidOnceItsCredentialsFileIsWritten() throws Exception {
        Path conf = home.resolve("conf");
        Files.deleteIfExists(conf.resolve("credentials.yaml"));

        Run withoutCredentials = phonectl("config", "validate", "--config", conf.resolve("controller.yaml").toString());
        Files.copy(conf.resolve("credentials.yaml.example"), conf.resolve("credentials.yaml"));
        Files.setPosixFilePermissions(conf.resolve("credentials.yaml"), PosixFilePermissions.fromString("rw-------"));
        Run complete = phonectl("config", "validate", "--config", conf.resolve("controller.yaml").toString());
        Files.delete(conf.resolve("credentials.yaml"));

        assertThat(withoutCredentials.exit()).isEqualTo(2);
        assertThat(withoutCredentials.err()).contains("credentials.yaml does not exist").contains("1 problem");
        assertThat(complete.exit()).as(complete.err()).isZero();
        assertThat(complete.out()).contains("valid", "2 PhoneManagers", "1 range");
    }

    @Test
    void aClientCommandOnAFreshInstallationSaysTheDaemonHasNotCreatedItsTokenYet() throws Exception {
        Run status = phonectl("status");

        assertThat(status.exit()).isEqualTo(2);
        assertThat(status.err()).contains("admin token file", "does not exist", "first start");
        assertThat(status.out()).isEmpty();
    }

    @Test
    void theSystemdUnitPassesSystemdAnalyzeVerify() throws Exception {
        assumeThat(Path.of("/usr/bin/systemd-analyze")).as("systemd-analyze is installed").exists();
        // The unit names /opt/phonecontroller; point it at the unpacked copy so every path it checks exists.
        Path unit = unpacked.resolve("phonecontroller.service");
        Files.writeString(unit, Files.readString(home.resolve("service/phonecontroller.service"))
                .replace("/opt/phonecontroller", home.toString()));

        Run verify = run(List.of("/usr/bin/systemd-analyze", "verify", unit.toString()), Map.of());

        assertThat(verify.exit()).as(verify.err()).isZero();
        assertThat(verify.err()).isEmpty();
    }

    @Test
    void theDaemonKeepsAClassDataArchiveInDataAndStartsWithItAgain() throws Exception {
        // Nothing answers on 127.54.x.y: the probes fail and the scan of four addresses finds nothing. Loopback only.
        Path folder = Files.createTempDirectory(unpacked, "daemon");
        Path config = folder.resolve("controller.yaml");
        Files.writeString(config, """
                phoneManagers:
                  pm-a: { address: 127.54.0.10:5060, transport: udp, probe: sip-options }
                  pm-b: { address: 127.54.1.10:5060, transport: udp, probe: sip-options }
                ranges:
                  - { name: lab, addresses: [127.54.16.1-127.54.16.4], primary: pm-a, fallback: pm-b,
                      protocols: ["snmp:cisco-sip-ua"], credentials: lab }
                storage: { url: "jdbc:h2:file:%s" }
                admin: { listen: 127.0.0.1:%d, tokenFile: %s }
                credentialsFile: credentials.yaml
                """.formatted(folder.resolve("inventory"), freePort(), folder.resolve("admin.token")));
        Path credentials = folder.resolve("credentials.yaml");
        Files.writeString(credentials, "lab: { snmp: { version: 2c, community: lab } }\n");
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
        Path archive = home.resolve("data/phonectl.jsa");
        Files.deleteIfExists(archive);

        String first = runDaemonUntilItRuns(config);
        assertThat(archive).as("made by the first start, at its exit").isNotEmptyFile();
        long made = Files.getLastModifiedTime(archive).toMillis();
        String second = runDaemonUntilItRuns(config);

        assertThat(first + second).doesNotContainIgnoringCase("cds").doesNotContain("SharedArchive");
        assertThat(Files.getLastModifiedTime(archive).toMillis()).as("used, not remade").isEqualTo(made);
    }

    /** Starts {@code bin/phonectl daemon}, waits until it says it runs, stops it (SIGTERM); returns its output. */
    private static String runDaemonUntilItRuns(Path config) throws Exception {
        Path out = Files.createTempFile(unpacked, "daemon", ".txt");
        Path logs = config.resolveSibling("logs"); // not the installation's logs/: the layout test expects none
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/phonectl").toString(), "daemon", "--config",
                config.toString(), "--logs", logs.toString()).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        builder.environment().put("PHONECONTROLLER_HOME", home.toString());
        builder.environment().put("JAVA_OPTS", "-Dphonecontroller.logs=" + logs);
        Process daemon = builder.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(out).contains("phonectl daemon running")) {
                assertThat(daemon.isAlive()).as(Files.readString(out)).isTrue();
                assertThat(System.nanoTime()).as("started within 60 s: " + Files.readString(out)).isLessThan(deadline);
                Thread.sleep(100);
            }
        } finally {
            daemon.destroy();
            if (!daemon.waitFor(30, TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
            }
        }
        return Files.readString(out);
    }

    private static int freePort() throws IOException {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static Run phonectl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/phonectl").toString()));
        command.addAll(List.of(args));
        return run(command, Map.of("PHONECONTROLLER_HOME", home.toString()));
    }

    static Run run(List<String> command, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory((home == null ? unpacked : home).toFile());
        builder.environment().putAll(environment);
        Path out = Files.createTempFile(unpacked, "out", ".txt");
        Path err = Files.createTempFile(unpacked, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not end within 60s");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    record Run(int exit, String out, String err) {
    }
}

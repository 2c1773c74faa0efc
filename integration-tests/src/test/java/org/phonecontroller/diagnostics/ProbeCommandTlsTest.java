package org.phonecontroller.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phonecontroller.protocols.testpeers.Kamailio;
import org.phonecontroller.protocols.testpeers.Loopback;
import org.phonecontroller.protocols.testpeers.SelfSignedCertificate;

/**
 * {@code phonectl probe} over TLS against a real Kamailio: it trusts what {@code --trust} or the PhoneManager's
 * {@code tls.trust} says, as the daemon does, and a refused certificate is one line, never a stack trace.
 */
class ProbeCommandTlsTest {

    @TempDir
    Path folder;
    SelfSignedCertificate certificate;
    Kamailio kamailio;

    @BeforeEach
    void startKamailio() throws Exception {
        InetAddress ip = Loopback.randomAddress(62);
        certificate = SelfSignedCertificate.create(ip);
        kamailio = Kamailio.startWithTls(ip, Loopback.freePort(ip), certificate);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .alias("Kamailio answers OPTIONS over TLS; its output:\n" + kamailio.output())
                .until(() -> probe("--trust", certificate.certificate().toString()).exitCode() == 0);
    }

    @AfterEach
    void stop() {
        if (kamailio != null) {
            kamailio.close();
        }
    }

    private Cli probe(String... options) {
        String[] args = new String[options.length + 4];
        args[0] = "probe";
        args[1] = kamailio.tlsAddress().toString();
        args[2] = "--transport";
        args[3] = "tls";
        System.arraycopy(options, 0, args, 4, options.length);
        return Cli.phonectl(args);
    }

    @Test
    void isUpWithThePemFileOrThePinnedFingerprint() {
        Cli pem = probe("--trust", certificate.certificate().toString(), "--timeout", "2s");
        Cli pinned = probe("--trust", "sha256:" + certificate.sha256().toUpperCase(), "--timeout", "2s");

        assertThat(pem.exitCode()).as(pem.toString()).isZero();
        assertThat(pem.out()).matches("UP \\d+\\.\\d ms\\R");
        assertThat(pinned.exitCode()).as(pinned.toString()).isZero();
    }

    @Test
    void aRefusedCertificateIsOneLineWithoutAStackTrace() {
        Cli wrongPin = probe("--trust", "sha256:" + "00".repeat(32), "--timeout", "2s");
        Cli system = probe("--timeout", "2s");

        assertThat(wrongPin.exitCode()).as(wrongPin.toString()).isEqualTo(1);
        assertThat(wrongPin.out()).as(wrongPin.toString())
                .startsWith("DOWN certificate mismatch: OPTIONS over tls: TLS certificate not trusted: ")
                .contains("not the pinned " + "00".repeat(32)).hasLineCount(1);
        assertThat(wrongPin.err()).as(wrongPin.toString()).isEmpty();
        assertThat(system.exitCode()).as(system.toString()).isEqualTo(1);
        assertThat(system.out()).as(system.toString()).startsWith("DOWN certificate mismatch: ").hasLineCount(1);
        assertThat(system.err()).as(system.toString()).isEmpty();
    }

    @Test
    void theTerminalShowsOneLineAndNoStackTraceForARefusedCertificate() throws Exception {
        // A separate JVM with phonectl's own logging configuration, as an admin runs it (in-process tests log with
        // the test configuration instead).
        Path logback = Path.of("..", "controller-daemon", "src", "main", "resources", "logback.xml").toAbsolutePath();
        String javaBinary = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(javaBinary, "-Dlogback.configurationFile=" + logback, "-cp",
                System.getProperty("java.class.path"), "org.phonecontroller.daemon.cli.Phonectl", "probe",
                kamailio.tlsAddress().toString(), "--transport", "tls", "--trust", "sha256:" + "00".repeat(32),
                "--timeout", "15s").start(); // a cold JVM's first handshake on a busy machine takes a while
        process.getOutputStream().close();
        var stderr = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(stdout + stderr.get()).isEqualTo(1);
        assertThat(stdout).startsWith("DOWN certificate mismatch: ").hasLineCount(1);
        assertThat(stderr.get()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void probesAConfiguredPhoneManagerByNameWithItsTrust() throws Exception {
        Files.copy(certificate.certificate(), folder.resolve("pbx.pem"));
        Path config = folder.resolve("controller.yaml");
        Files.writeString(config, """
                phoneManagers:
                  pm-tls:  { address: "%s", transport: tls, tls: { trust: pbx.pem } }
                  pm-pin:  { address: "%s", transport: tls, tls: { trust: "sha256:%s" } }
                ranges:
                  - name: lab-62
                    addresses: [127.62.251.1]
                    primary: pm-tls
                    fallback: pm-pin
                    protocols: [snmp:sip-ua-generic]
                probe: { timeout: 900ms }
                """.formatted(kamailio.tlsAddress(), kamailio.tlsAddress(), "11".repeat(32)));
        Path credentials = folder.resolve("credentials.yaml");
        Files.writeString(credentials, "default:\n  snmp: { version: 2c, community: c62 }\n");
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));

        Cli trusted = Cli.phonectl("probe", "pm-tls", "--config", config.toString());
        Cli pinned = Cli.phonectl("probe", "pm-pin", "--config", config.toString());
        Cli unknown = Cli.phonectl("probe", "pm-typo", "--config", config.toString());

        assertThat(trusted.exitCode()).as(trusted.toString()).isZero();
        assertThat(pinned.exitCode()).as(pinned.toString()).isEqualTo(1);
        assertThat(pinned.out()).as(pinned.toString()).startsWith("DOWN certificate mismatch: ");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("'pm-typo' is not a PhoneManager of " + config + " (it has: pm-tls, pm-pin)");
    }
}

package org.phonecontroller.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
        Files.setPosixFilePermissions(credentials, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

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

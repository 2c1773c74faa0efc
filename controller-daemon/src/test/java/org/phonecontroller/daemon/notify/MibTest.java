package org.phonecontroller.daemon.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.phonecontroller.config.NotifyReceiver;

/**
 * The shipped PHONECONTROLLER-MIB as net-snmp's snmptranslate reads it, with the IETF SMIv2 modules it imports
 * (Debian ships them in erlang-snmp; snmp-mibs-downloader is non-free), and the OIDs the traps use.
 */
class MibTest {
    static final Path MIBS = Path.of("src/dist/mibs");

    static Path ietfMibs() throws Exception {
        try (Stream<Path> dirs = Files.list(Path.of("/usr/lib/erlang/lib"))) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("snmp-")).map(d -> d.resolve("mibs"))
                    .filter(Files::isDirectory).findFirst().orElseThrow(() -> new IllegalStateException(
                            "no IETF MIBs: install the Debian package erlang-snmp (scripts/install-test-peers)"));
        }
    }

    private static Path persistentDir() throws java.io.IOException {
        Path folder = Path.of(System.getProperty("java.io.tmpdir"), "mibtest-snmp-" + ProcessHandle.current().pid());
        Files.createDirectories(folder.resolve("cert_indexes"));
        Files.createDirectories(folder.resolve("mib_indexes"));
        return folder;
    }

    static String translate(String... args) throws Exception {
        String[] command = Stream.concat(Stream.of("snmptranslate", "-M", ietfMibs() + ":" + MIBS.toAbsolutePath(),
                "-m", "PHONECONTROLLER-MIB"), Stream.of(args)).toArray(String[]::new);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // net-snmp announces "Created directory: .../cert_indexes" the first time it runs on a machine (a fresh CI
        // machine): a persistent folder of the test's own, made beforehand, keeps that out of the output
        builder.environment().put("SNMP_PERSISTENT_DIR", persistentDir().toString());
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.strip();
    }

    @Test
    void snmptranslateReadsTheMibWithoutAWarningAndItsOidsAreTheTrapsOids() throws Exception {
        String notification = translate("-On", "PHONECONTROLLER-MIB::pcEventNotification");
        assertThat(notification).isEqualTo("." + SnmpTrapDelivery.notificationOid(NotifyReceiver.DEFAULT_ENTERPRISE));
        String root = NotifyReceiver.DEFAULT_ENTERPRISE;
        assertThat(translate("." + root + ".1.1")).isEqualTo("PHONECONTROLLER-MIB::pcEventKind");
        assertThat(translate("." + root + ".1.2")).isEqualTo("PHONECONTROLLER-MIB::pcEventTime");
        assertThat(translate("." + root + ".1.3")).isEqualTo("PHONECONTROLLER-MIB::pcEventRange");
        assertThat(translate("." + root + ".1.4")).isEqualTo("PHONECONTROLLER-MIB::pcEventPhone");
        assertThat(translate("." + root + ".1.5")).isEqualTo("PHONECONTROLLER-MIB::pcEventPhoneManager");
        assertThat(translate("." + root + ".1.6")).isEqualTo("PHONECONTROLLER-MIB::pcEventDetail");
        assertThat(translate("-Tp", "-IR", "phoneControllerMIB")).contains("pcEventNotification(1)")
                .doesNotContain("Cannot", "Unlinked", "Bad", "Warning");
    }
}

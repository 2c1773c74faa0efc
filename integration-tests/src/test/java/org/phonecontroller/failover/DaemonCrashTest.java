package org.phonecontroller.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.phonecontroller.daemon.adapters.DefaultProtocolFactory;
import org.phonecontroller.daemon.cli.Phonectl;
import org.phonecontroller.lab.LabViews;
import org.phonecontroller.lab.PhoneLab;

/** {@code kill -9} of the daemon in the middle of a failover, and a restart: every phone ends on the fallback. */
@Tag("slow")
class DaemonCrashTest {

    /** Kept after the run (daemon output, events.jsonl) for a look when it fails; emptied at the start. */
    Path folder = Path.of("target", "daemon-crash-test").toAbsolutePath();
    PhoneLab lab;
    Process daemon;

    @AfterEach
    void stop() throws InterruptedException {
        if (daemon != null && daemon.isAlive()) {
            daemon.destroy();
            daemon.waitFor(30, TimeUnit.SECONDS);
        }
        if (lab != null) {
            lab.close();
        }
    }

    private Process startDaemon(Path config, int httpPort, int run) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m",
                "-D" + DefaultProtocolFactory.HTTP_PORT_PROPERTY + "=" + httpPort, "-cp", classPath,
                "org.phonecontroller.daemon.cli.Phonectl", "daemon", "--config", config.toString(),
                "--logs", folder.resolve("logs").toString()));
        return new ProcessBuilder(command).directory(folder.toFile())
                .redirectErrorStream(true).redirectOutput(folder.resolve("daemon-" + run + ".out").toFile()).start();
    }

    /** The phones the killed daemon had stored as verified (its H2 file is free again after the kill). */
    private java.util.Set<String> verifiedPhones() {
        String url = "jdbc:h2:file:" + folder.resolve("data/phonecontroller");
        try (var database = org.phonecontroller.daemon.storage.Database.open(
                org.phonecontroller.daemon.storage.DatabaseSettings.of(url))) {
            return new org.phonecontroller.daemon.inventory.PhoneInventory(database.jdbc()).all().stream()
                    .filter(p -> p.progress().state() == org.phonecontroller.daemon.inventory.PushState.VERIFIED)
                    .map(org.phonecontroller.daemon.inventory.Phone::address)
                    .collect(java.util.stream.Collectors.toSet());
        }
    }

    private long eventCount(String kind) throws IOException {
        Path events = folder.resolve("logs/events.jsonl");
        if (!Files.exists(events)) {
            return 0;
        }
        try (var lines = Files.lines(events)) {
            return lines.filter(l -> l.contains("\"kind\":\"" + kind + "\"")).count();
        }
    }

    @Test
    void aDaemonKilledMidFailoverFinishesItAfterARestartWithoutPushingAVerifiedPhoneAgain() throws Exception {
        if (Files.exists(folder)) {
            try (var files = Files.walk(folder)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(folder);
        int httpPort = LabWorld.freeTcpPort();
        lab = LabWorld.startLab(httpPort);
        Path config = LabWorld.writeConfig(folder, "manual");
        Files.writeString(config, Files.readString(config).replace("maxPerSecond: 1000", "maxPerSecond: 100"));

        daemon = startDaemon(config, httpPort, 1);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> eventCount("SCAN_COMPLETED") >= 4);
        long[] scansSeen = {eventCount("SCAN_COMPLETED")};
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            long scans = eventCount("SCAN_COMPLETED");
            if (eventCount("PHONE_DISCOVERED") < LabWorld.PHONES && scans >= scansSeen[0]) {
                scansSeen[0] = scans + 4; // a phone was missed: scan every range again through the admin API
                var out = new java.io.PrintWriter(new java.io.StringWriter());
                Phonectl.run(out, out, "scan", "--config", config.toString());
            }
            return eventCount("PHONE_DISCOVERED") == LabWorld.PHONES;
        });
        lab.killPhoneManager("pm-a");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> LabWorld.firstServers(lab).getOrDefault(LabWorld.FALLBACK, 0) >= 200);
        daemon.destroyForcibly(); // SIGKILL: no shutdown hook, no clean stop
        assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).isTrue();
        int movedBeforeTheCrash = LabWorld.firstServers(lab).getOrDefault(LabWorld.FALLBACK, 0);
        assertThat(movedBeforeTheCrash).isLessThan(LabWorld.PHONES);
        java.util.Set<String> verifiedBeforeTheCrash = verifiedPhones();
        assertThat(verifiedBeforeTheCrash).isNotEmpty();

        daemon = startDaemon(config, httpPort, 2);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> LabWorld.firstServers(lab).getOrDefault(LabWorld.FALLBACK, 0) == LabWorld.PHONES);

        List<LabViews.PhoneView> phones = lab.phones(LabViews.PhoneFilter.ALL);
        assertThat(phones).hasSize(LabWorld.PHONES);
        // A phone whose push was verified and stored before the crash is not pushed again after the restart.
        var changesOfVerified = phones.stream().filter(p -> verifiedBeforeTheCrash.contains(p.address()))
                .collect(java.util.stream.Collectors.groupingBy(LabViews.PhoneView::vendor,
                        java.util.stream.Collectors.mapping(LabViews.PhoneView::configChanges,
                                java.util.stream.Collectors.toSet())));
        assertThat(changesOfVerified).as("config changes of the phones verified before the crash, by vendor")
                .allSatisfy((vendor, counts) -> assertThat(counts).as(vendor).hasSize(1));
    }
}

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
import org.junit.jupiter.api.io.TempDir;
import org.phonecontroller.daemon.DefaultProtocolFactory;
import org.phonecontroller.lab.LabViews;
import org.phonecontroller.lab.PhoneLab;

/** {@code kill -9} of the daemon in the middle of a failover, and a restart: every phone ends on the fallback. */
@Tag("slow")
class DaemonCrashTest {

    @TempDir
    Path folder;
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
        int httpPort = LabWorld.freeTcpPort();
        lab = LabWorld.startLab(httpPort);
        Path config = LabWorld.writeConfig(folder, "manual");
        Files.writeString(config, Files.readString(config).replace("maxPerSecond: 1000", "maxPerSecond: 100"));

        daemon = startDaemon(config, httpPort, 1);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> eventCount("PHONE_DISCOVERED") == LabWorld.PHONES);
        await().atMost(Duration.ofSeconds(30)).until(() -> eventCount("SCAN_COMPLETED") >= 4);
        lab.killPhoneManager("pm-a");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> LabWorld.firstServers(lab).getOrDefault(LabWorld.FALLBACK, 0) >= 200);
        daemon.destroyForcibly(); // SIGKILL: no shutdown hook, no clean stop
        assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).isTrue();
        int movedBeforeTheCrash = LabWorld.firstServers(lab).getOrDefault(LabWorld.FALLBACK, 0);
        assertThat(movedBeforeTheCrash).isLessThan(LabWorld.PHONES);

        daemon = startDaemon(config, httpPort, 2);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> LabWorld.firstServers(lab).getOrDefault(LabWorld.FALLBACK, 0) == LabWorld.PHONES);

        List<LabViews.PhoneView> phones = lab.phones(LabViews.PhoneFilter.ALL);
        assertThat(phones).hasSize(LabWorld.PHONES);
        // One push is one or more changes depending on the vendor's API (SNMP writes each server slot); a phone
        // pushed again after the restart would stand out from the other phones of its vendor.
        var changesPerVendor = phones.stream().collect(java.util.stream.Collectors.groupingBy(
                LabViews.PhoneView::vendor, java.util.stream.Collectors.mapping(LabViews.PhoneView::configChanges,
                        java.util.stream.Collectors.toSet())));
        assertThat(changesPerVendor).as("config changes per phone, by vendor").allSatisfy((vendor, counts) ->
                assertThat(counts).as(vendor).hasSize(1));
    }
}

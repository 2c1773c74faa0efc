package org.phonecontroller.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.phonecontroller.config.ConfigLoadResult;
import org.phonecontroller.config.ConfigLoader;
import org.phonecontroller.daemon.runtime.Daemon;
import org.phonecontroller.daemon.adapters.DefaultProbeFactory;
import org.phonecontroller.daemon.adapters.DefaultProtocolFactory;
import org.phonecontroller.daemon.health.HealthState;
import org.phonecontroller.daemon.time.TimeSource;
import org.phonecontroller.lab.PhoneLab;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon against the phone lab: 1,000 phones of four vendors, real SIP probes, real SNMP and HTTP pushes. One
 * story in order: the primary is killed, nothing moves back by itself, failback, the primary hangs, failback.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabFailoverTest {

    private static final Logger log = LoggerFactory.getLogger(LabFailoverTest.class);

    @TempDir
    static Path folder;
    PhoneLab lab;
    Daemon daemon;

    @BeforeAll
    void start() throws Exception {
        int httpPort = LabWorld.freeTcpPort();
        lab = LabWorld.startLab(httpPort);
        Path config = LabWorld.writeConfig(folder, "manual");
        var loaded = (ConfigLoadResult.Valid) new ConfigLoader().load(config);
        daemon = Daemon.start(new Daemon.Options(config, folder.resolve("logs"), new DefaultProbeFactory(),
                new DefaultProtocolFactory(loaded.config(), OptionalInt.of(httpPort)), TimeSource.system(),
                Duration.ofMillis(500)));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            int known = daemon.inventory().all().size();
            if (known < LabWorld.PHONES && daemon.plans().stream().noneMatch(p -> daemon.jobs().pending("scan-"
                    + p.name()))) {
                daemon.plans().forEach(p -> daemon.jobs().scanNow(p.name())); // a phone missed: scan again
            }
            return known == LabWorld.PHONES;
        });
        await().until(() -> daemon.health().state("pm-a") == HealthState.UP
                && daemon.health().state("pm-b") == HealthState.UP);
    }

    @AfterAll
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    private void awaitEveryPhoneOn(String server, String phoneManager) {
        long start = System.nanoTime();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> LabWorld.firstServers(lab).getOrDefault(server, 0) == LabWorld.PHONES);
        log.info("Every phone configured with {} after {} ms", server, (System.nanoTime() - start) / 1_000_000);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> LabWorld.registered(lab).getOrDefault(phoneManager, 0) == LabWorld.PHONES);
        log.info("Every phone registered at {} after {} ms", phoneManager, (System.nanoTime() - start) / 1_000_000);
    }

    private void failBackEveryRange() {
        daemon.plans().forEach(p -> daemon.jobs().failback(p.name(), false, "failback by the test"));
    }

    @Test
    @Order(1)
    void failsOverEveryPhoneWhenThePrimaryIsKilled() {
        lab.killPhoneManager("pm-a");
        awaitEveryPhoneOn(LabWorld.FALLBACK, "pm-b");
    }

    @Test
    @Order(2)
    void nothingMovesBackByItselfInManualMode() {
        lab.restartPhoneManager("pm-a");
        await().atMost(Duration.ofSeconds(10)).until(() -> daemon.health().state("pm-a") == HealthState.UP);
        await("every phone stays on the fallback").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> LabWorld.PHONES == LabWorld.firstServers(lab).getOrDefault(LabWorld.FALLBACK, 0));
    }

    @Test
    @Order(3)
    void failbackBringsEveryPhoneBack() {
        failBackEveryRange();
        awaitEveryPhoneOn(LabWorld.PRIMARY, "pm-a");
    }

    @Test
    @Order(4)
    void failsOverEveryPhoneWhenThePrimaryHangs() {
        lab.hangPhoneManager("pm-a");
        awaitEveryPhoneOn(LabWorld.FALLBACK, "pm-b");

        lab.killPhoneManager("pm-a");
        // the lab releases a PhoneManager's port asynchronously: a restart right after may find it still bound
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            lab.restartPhoneManager("pm-a");
            return true;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> daemon.health().state("pm-a") == HealthState.UP);
        failBackEveryRange();
        awaitEveryPhoneOn(LabWorld.PRIMARY, "pm-a");
    }
}

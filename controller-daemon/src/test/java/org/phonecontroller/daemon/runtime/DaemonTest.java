package org.phonecontroller.daemon.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phonecontroller.daemon.events.EventKind;
import org.phonecontroller.daemon.events.EventLog;
import org.phonecontroller.daemon.health.HealthState;
import org.phonecontroller.daemon.inventory.Target;
import org.phonecontroller.daemon.testing.FakePhones;
import org.phonecontroller.daemon.testing.ScriptedProbe;
import org.phonecontroller.daemon.testing.ScriptedWorld;
import org.phonecontroller.daemon.time.TimeSource;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.ServerAssignment;

/** The whole daemon in one JVM, with scripted probes and in-memory phones instead of the network. */
class DaemonTest {

    static final ServerAddress A = new ServerAddress("127.20.0.10", 5060);
    static final ServerAddress B = new ServerAddress("127.20.1.10", 5060);
    static final ServerAssignment ON_A = ServerAssignment.of(A, B);
    static final ServerAssignment ON_B = ServerAssignment.of(B, A);
    static final int PHONES = 40;

    @TempDir
    Path folder;
    Path config;
    final ScriptedProbe probe = new ScriptedProbe();
    final FakePhones phones = new FakePhones("sip-notify", TimeSource.system());
    Daemon daemon;

    @BeforeEach
    void world() throws Exception {
        for (String address : FakePhones.addresses("127.20.16.", PHONES)) {
            phones.add(address, ServerAssignment.of(A));
        }
        config = writeConfig("manual", "10m");
    }

    Path writeConfig(String failback, String after) throws Exception {
        ScriptedWorld.writeCredentials(folder, "default:\n  snmp: { version: 2c, community: \"x\" }\n");
        Path file = folder.resolve("controller.yaml");
        Files.writeString(file, """
                phoneManagers:
                  pm-a: { address: 127.20.0.10:5060, transport: udp, probe: sip-options }
                  pm-b: { address: 127.20.1.10:5060, transport: udp, probe: sip-options }
                ranges:
                  - name: floor-1
                    addresses: [127.20.16.1-127.20.16.%d]
                    primary: pm-a
                    fallback: pm-b
                    protocols: [snmp:sip-ua-generic]
                probe:    { interval: 20ms, timeout: 10ms, failuresToDown: 2, successesToUp: 2 }
                failover: { maxInFlight: 8, maxPerSecond: 2000, failback: %s, automaticFailbackAfter: %s }
                scan:     { ratePerSecond: 5000, timeout: 200ms, retries: 0 }
                storage:  { url: "jdbc:h2:file:%s" }
                credentialsFile: credentials.yaml
                """.formatted(PHONES, failback, after, folder.resolve("data/phonecontroller")));
        return file;
    }

    Daemon start() throws Exception {
        daemon = new ScriptedWorld(probe, phones, FakePhones.addresses("127.20.16.", PHONES))
                .start(config, folder.resolve("logs"));
        return daemon;
    }

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    void awaitAllOn(ServerAssignment servers) {
        await().atMost(Duration.ofSeconds(30)).until(() -> phones.serversByPhone().values().stream()
                .allMatch(servers::equals));
    }

    List<EventKind> eventKinds() throws Exception {
        return Files.readAllLines(folder.resolve("logs/events.jsonl")).stream()
                .map(line -> EventLog.parseLine(line).kind()).toList();
    }

    @Test
    void discoversThePhonesFailsThemOverWhenThePrimaryDiesAndLeavesThemThereInManualMode() throws Exception {
        start();
        await().atMost(Duration.ofSeconds(20)).until(() -> daemon.inventory().ofRange("floor-1").size() == PHONES);
        await().until(() -> daemon.health().state("pm-a") == HealthState.UP);

        probe.answer("pm-a", ScriptedProbe.REFUSED);
        awaitAllOn(ON_B);
        assertThat(daemon.ranges().find("floor-1").orElseThrow().desired()).isEqualTo(Target.FALLBACK);
        await().until(() -> eventKinds().contains(EventKind.FAILOVER_COMPLETED));

        probe.answer("pm-a", ScriptedProbe.UP);
        await().until(() -> daemon.health().state("pm-a") == HealthState.UP);
        int pushes = phones.pushes().size();
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> phones.pushes().size() == pushes);
        assertThat(phones.serversByPhone().values()).containsOnly(ON_B);

        daemon.jobs().failback("floor-1", false, "failback by admin");
        awaitAllOn(ON_A);
        assertThat(eventKinds()).contains(EventKind.DAEMON_STARTED, EventKind.PHONE_MANAGER_DOWN,
                EventKind.FAILOVER_STARTED, EventKind.PHONE_REPROGRAMMED, EventKind.FAILBACK_STARTED);
        await().until(() -> eventKinds().contains(EventKind.FAILBACK_COMPLETED));
    }

    @Test
    void resumesAFailoverInterruptedByAStopWithoutPushingAPhoneTwice() throws Exception {
        phones.completePushesOn(CompletableFuture.delayedExecutor(30, TimeUnit.MILLISECONDS));
        start();
        await().atMost(Duration.ofSeconds(20)).until(() -> daemon.inventory().ofRange("floor-1").size() == PHONES);
        await().until(() -> daemon.health().state("pm-a") == HealthState.UP);
        probe.answer("pm-a", ScriptedProbe.REFUSED);
        await().until(() -> phones.pushes().size() >= 8);
        daemon.close();
        int pushedBeforeStop = phones.pushes().size();
        assertThat(pushedBeforeStop).isLessThan(PHONES);

        start();
        awaitAllOn(ON_B);
        for (String address : FakePhones.addresses("127.20.16.", PHONES)) {
            assertThat(phones.pushesTo(address)).as(address).hasSize(1);
        }
    }

    @Test
    void answersTheAdminApiFromTheInventoryAndRefusesAFailbackWhileThePrimaryIsDown() throws Exception {
        start();
        var admin = new DaemonAdmin(daemon);
        await().atMost(Duration.ofSeconds(20)).until(() -> daemon.inventory().ofRange("floor-1").size() == PHONES);
        await().until(() -> daemon.health().state("pm-a") == HealthState.UP);

        var status = admin.status();
        assertThat(status.ranges()).singleElement().satisfies(r -> {
            assertThat(r.desiredTarget()).isEqualTo(org.phonecontroller.daemon.admin.Target.PRIMARY);
            assertThat(r.phonesByState()).containsEntry(org.phonecontroller.daemon.admin.PhoneState.SYNCED, PHONES);
        });
        assertThat(status.phoneManagers()).extracting(p -> p.state())
                .containsOnly(org.phonecontroller.daemon.admin.HealthState.UP);
        assertThat(admin.phones("floor-1", null)).hasSize(PHONES);

        probe.answer("pm-a", ScriptedProbe.REFUSED);
        awaitAllOn(ON_B);
        var refused = admin.failback(new org.phonecontroller.daemon.admin.FailbackRequest("floor-1", false, false,
                false));
        assertThat(refused).isInstanceOfSatisfying(org.phonecontroller.daemon.admin.FailbackAnswer.Refused.class,
                r -> assertThat(r.reason()).contains("primary pm-a of range floor-1 is DOWN"));
        var dryRun = admin.failback(new org.phonecontroller.daemon.admin.FailbackRequest("floor-1", false, true,
                true));
        assertThat(dryRun).isInstanceOfSatisfying(org.phonecontroller.daemon.admin.FailbackAnswer.DryRun.class,
                d -> assertThat(d.changes()).hasSize(PHONES));
        assertThat(admin.events(java.time.Instant.EPOCH, 0, java.util.Set.of("FAILOVER_STARTED"), 10))
                .singleElement().satisfies(e -> assertThat(e.range()).isEqualTo("floor-1"));
        assertThatThrownBy(() -> admin.phones("nowhere", null))
                .isInstanceOf(org.phonecontroller.daemon.admin.AdminRequestRejected.class);
    }

    @Test
    void refusesASecondDaemonOnTheSameInventory() throws Exception {
        start();
        Daemon first = daemon;
        assertThatThrownBy(this::start).isInstanceOf(DaemonStartException.class)
                .hasMessageContaining("another phonectl daemon already runs");
        daemon = first;
    }

    @Test
    void keepsTheLastGoodConfigurationAndSaysWhyWhenAReloadedFileIsInvalid() throws Exception {
        start();
        Files.writeString(config, Files.readString(config).replace("primary: pm-a", "primary: pm-nowhere"));

        var outcome = daemon.reload();

        assertThat(outcome).isInstanceOf(ConfigReloader.Outcome.Rejected.class);
        assertThat(((ConfigReloader.Outcome.Rejected) outcome).problems()).anySatisfy(p ->
                assertThat(p).contains("controller.yaml:").contains("pm-nowhere"));
        assertThat(daemon.config().range("floor-1").orElseThrow().primary()).isEqualTo("pm-a");
        assertThat(eventKinds()).contains(EventKind.CONFIG_REJECTED);
    }

    @Test
    void appliesAValidReloadedFileAndSaysWhatChanged() throws Exception {
        start();
        writeConfig("automatic", "1s");

        var outcome = daemon.reload();

        assertThat(outcome).isEqualTo(new ConfigReloader.Outcome.Applied(List.of("failover settings changed")));
        assertThat(eventKinds()).contains(EventKind.CONFIG_APPLIED);
    }
}

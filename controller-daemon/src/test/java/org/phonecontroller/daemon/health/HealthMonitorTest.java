package org.phonecontroller.daemon.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.phonecontroller.daemon.testing.ScriptedProbe.REFUSED;
import static org.phonecontroller.daemon.testing.ScriptedProbe.TIMEOUT;
import static org.phonecontroller.daemon.testing.ScriptedProbe.UP;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.phonecontroller.daemon.events.EventKind;
import org.phonecontroller.daemon.testing.FakeClock;
import org.phonecontroller.daemon.testing.RecordingEvents;
import org.phonecontroller.daemon.testing.ScriptedProbe;
import org.phonecontroller.protocols.Endpoint;
import org.phonecontroller.protocols.HealthProbe;
import org.phonecontroller.protocols.ProbeResult;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.Transport;

class HealthMonitorTest {

    static final Endpoint PM_A = new Endpoint("pm-a", new ServerAddress("127.20.0.10", 5060), Transport.UDP);
    static final Endpoint PM_B = new Endpoint("pm-b", new ServerAddress("127.20.1.10", 5060), Transport.UDP);
    static final Endpoint WITNESS = new Endpoint("witness", new ServerAddress("127.20.9.1", 7), Transport.TCP);

    final FakeClock clock = new FakeClock(Instant.parse("2026-11-21T10:00:00Z"));
    final ScriptedProbe probe = new ScriptedProbe();
    final ScriptedProbe witnessProbe = new ScriptedProbe();
    final RecordingEvents events = new RecordingEvents();
    final List<String> heard = new ArrayList<>();
    final HealthListener listener = new HealthListener() {
        @Override
        public void onTransition(HealthTransition t) {
            heard.add(t.phoneManager() + ":" + t.to());
        }

        @Override
        public void onIsolationChanged(boolean isolated, Instant at) {
            heard.add(isolated ? "isolated" : "connected");
        }
    };

    HealthMonitor monitor(WitnessCheck witnesses) {
        return new HealthMonitor(List.of(new HealthMonitor.Monitored(PM_A, probe),
                new HealthMonitor.Monitored(PM_B, probe)), witnesses, new HealthThresholds(3, 3),
                Duration.ofMillis(500), clock, events, listener, Runnable::run);
    }

    void rounds(HealthMonitor monitor, int n) {
        for (int i = 0; i < n; i++) {
            clock.advance(Duration.ofSeconds(1));
            monitor.runOnce();
        }
    }

    @Test
    void declaresAKilledPrimaryDownAfterThreeMissedRoundsAndWritesAnEventPerTransition() {
        var monitor = monitor(WitnessCheck.off());
        rounds(monitor, 3);
        probe.answer("pm-a", REFUSED);
        rounds(monitor, 2);
        assertThat(monitor.state("pm-a")).isEqualTo(HealthState.SUSPECT);
        rounds(monitor, 1);

        assertThat(monitor.state("pm-a")).isEqualTo(HealthState.DOWN);
        assertThat(monitor.state("pm-b")).isEqualTo(HealthState.UP);
        assertThat(monitor.snapshot("pm-a").since()).isEqualTo(clock.instant());
        assertThat(heard).containsExactly("pm-a:UP", "pm-b:UP", "pm-a:SUSPECT", "pm-a:DOWN");
        assertThat(events.kinds()).containsExactly(EventKind.PHONE_MANAGER_UP, EventKind.PHONE_MANAGER_UP,
                EventKind.PHONE_MANAGER_SUSPECT, EventKind.PHONE_MANAGER_DOWN);
        assertThat(events.ofKind(EventKind.PHONE_MANAGER_DOWN).get(0).phoneManager()).isEqualTo("pm-a");
    }

    @Test
    void anIsolatedControllerLogsItOnceAndDeclaresNothingDown() {
        witnessProbe.answer("witness", TIMEOUT);
        var monitor = monitor(new WitnessCheck(List.of(WITNESS), witnessProbe));
        probe.answer("pm-a", TIMEOUT);
        probe.answer("pm-b", TIMEOUT);
        rounds(monitor, 10);

        assertThat(monitor.isolated()).isTrue();
        assertThat(monitor.state("pm-a")).isEqualTo(HealthState.UNKNOWN);
        assertThat(events.kinds()).containsExactly(EventKind.CONTROLLER_ISOLATED);
        assertThat(heard).containsExactly("isolated");

        witnessProbe.answer("witness", REFUSED); // a refusal is an answer: the network is there
        rounds(monitor, 3);
        assertThat(monitor.isolated()).isFalse();
        assertThat(monitor.state("pm-a")).isEqualTo(HealthState.DOWN);
        assertThat(events.kinds()).startsWith(EventKind.CONTROLLER_ISOLATED, EventKind.CONTROLLER_CONNECTED);
    }

    @Test
    void isolationDuringAnOutageFreezesTheStateMachines() {
        witnessProbe.answer("witness", UP);
        var monitor = monitor(new WitnessCheck(List.of(WITNESS), witnessProbe));
        rounds(monitor, 3);
        probe.answer("pm-a", TIMEOUT);
        rounds(monitor, 1);
        witnessProbe.answer("witness", TIMEOUT);
        rounds(monitor, 5);
        assertThat(monitor.state("pm-a")).isEqualTo(HealthState.SUSPECT);
        assertThat(events.ofKind(EventKind.CONTROLLER_ISOLATED)).hasSize(1);
    }

    @Test
    void countsAProbeThatNeverCompletesAsATimeout() {
        HealthProbe silent = new HealthProbe() {
            @Override
            public String kind() {
                return "silent";
            }

            @Override
            public CompletableFuture<ProbeResult> probe(Endpoint endpoint) {
                return new CompletableFuture<>();
            }

            @Override
            public void close() {
            }
        };
        var monitor = new HealthMonitor(List.of(new HealthMonitor.Monitored(PM_A, silent)), WitnessCheck.off(),
                new HealthThresholds(1, 1), Duration.ofMillis(10), clock, events, listener, Runnable::run);
        monitor.runOnce();
        assertThat(monitor.state("pm-a")).isEqualTo(HealthState.DOWN);
        assertThat(events.ofKind(EventKind.PHONE_MANAGER_DOWN).get(0).detail()).contains("TIMEOUT");
    }

    @Test
    void aSlowTransitionHandlerNeverDelaysTheProbesAndTransitionsAreStillHandledInOrder() {
        var release = new CountDownLatch(1);
        HealthListener stuckDatabase = new HealthListener() {
            @Override
            public void onTransition(HealthTransition t) {
                try {
                    release.await(); // storing the transition hangs
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void onIsolationChanged(boolean isolated, Instant at) {
            }
        };
        var handling = Executors.newSingleThreadExecutor();
        var scheduler = Executors.newSingleThreadScheduledExecutor();
        try (var monitor = new HealthMonitor(List.of(new HealthMonitor.Monitored(PM_A, probe)), WitnessCheck.off(),
                new HealthThresholds(1, 1), Duration.ofMillis(500), clock, events, stuckDatabase, handling)) {
            monitor.start(scheduler, Duration.ofMillis(5));
            await().atMost(Duration.ofSeconds(5)).until(() -> monitor.state("pm-a") == HealthState.UP);
            int probed = probe.probesOf("pm-a");

            await().atMost(Duration.ofSeconds(5)).until(() -> probe.probesOf("pm-a") >= probed + 10);
            probe.answer("pm-a", REFUSED);
            await().atMost(Duration.ofSeconds(5)).until(() -> monitor.state("pm-a") == HealthState.DOWN);
            assertThat(events.ofKind(EventKind.PHONE_MANAGER_DOWN)).isEmpty(); // still queued behind the stuck one

            release.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> events.ofKind(EventKind.PHONE_MANAGER_DOWN).size() == 1);
            assertThat(events.kinds()).containsExactly(EventKind.PHONE_MANAGER_UP, EventKind.PHONE_MANAGER_SUSPECT,
                    EventKind.PHONE_MANAGER_DOWN);
        } finally {
            release.countDown();
            scheduler.shutdownNow();
            handling.shutdownNow();
        }
    }

    @Test
    void aReplacementMonitorContinuesFromTheHealthItIsHandedOver() {
        var first = monitor(WitnessCheck.off());
        probe.answer("pm-a", REFUSED);
        rounds(first, 3);
        assertThat(first.state("pm-a")).isEqualTo(HealthState.DOWN);
        Instant downSince = first.since("pm-a");

        var second = monitor(WitnessCheck.off());
        second.carryOver(java.util.Map.of("pm-a", first.memories().get("pm-a")), false);
        assertThat(second.state("pm-a")).isEqualTo(HealthState.DOWN);
        assertThat(second.since("pm-a")).isEqualTo(downSince);
        assertThat(second.state("pm-b")).isEqualTo(HealthState.UNKNOWN);
        probe.answer("pm-a", UP);
        rounds(second, 1);
        assertThat(second.state("pm-a")).isEqualTo(HealthState.RECOVERING);
    }

    @Test
    void probesOnItsOwnSchedulerUntilClosed() {
        var scheduler = Executors.newSingleThreadScheduledExecutor();
        try (var monitor = monitor(WitnessCheck.off())) {
            monitor.start(scheduler, Duration.ofMillis(5));
            await().atMost(Duration.ofSeconds(5)).until(() -> monitor.state("pm-a") == HealthState.UP);
            assertThat(probe.probesOf("pm-a")).isGreaterThanOrEqualTo(3);
        } finally {
            scheduler.shutdownNow();
        }
    }
}

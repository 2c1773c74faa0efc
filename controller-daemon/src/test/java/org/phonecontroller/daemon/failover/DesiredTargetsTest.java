package org.phonecontroller.daemon.failover;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phonecontroller.config.FailbackMode;
import org.phonecontroller.daemon.events.EventKind;
import org.phonecontroller.daemon.health.HealthState;
import org.phonecontroller.daemon.health.HealthView;
import org.phonecontroller.daemon.inventory.RangeState;
import org.phonecontroller.daemon.inventory.Target;
import org.phonecontroller.daemon.storage.Database;
import org.phonecontroller.daemon.testing.FakeClock;
import org.phonecontroller.daemon.testing.RecordingEvents;
import org.phonecontroller.daemon.testing.TestDatabases;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.ranges.IpRange;

class DesiredTargetsTest {

    static final RangePlan FLOOR_1 = new RangePlan("floor-1", List.of(IpRange.parse("127.20.16.0/24")),
            new PhoneManagerRef("pm-a", new ServerAddress("127.20.0.10", 5060)),
            new PhoneManagerRef("pm-b", new ServerAddress("127.20.1.10", 5060)), List.of());

    @TempDir
    Path folder;
    Database database;
    RangeState ranges;
    final FakeClock clock = new FakeClock(Instant.parse("2026-11-21T10:00:00Z"));
    final RecordingEvents events = new RecordingEvents();
    final FakeHealth health = new FakeHealth();
    final List<String> actions = new ArrayList<>();
    DesiredTargets targets;

    final class FakeHealth implements HealthView {
        final Map<String, HealthState> states = new HashMap<>();
        final Map<String, Instant> since = new HashMap<>();
        boolean isolated;

        void set(String pm, HealthState state) {
            states.put(pm, state);
            since.put(pm, clock.instant());
        }

        @Override
        public HealthState state(String pm) {
            return states.getOrDefault(pm, HealthState.UNKNOWN);
        }

        @Override
        public Instant since(String pm) {
            return since.getOrDefault(pm, Instant.EPOCH);
        }

        @Override
        public boolean isolated() {
            return isolated;
        }
    }

    @BeforeEach
    void setUp() {
        database = TestDatabases.h2(folder);
        ranges = new RangeState(database.jdbc());
        targets(FailbackMode.MANUAL);
        health.set("pm-a", HealthState.UP);
        health.set("pm-b", HealthState.UP);
    }

    void targets(FailbackMode mode) {
        targets = new DesiredTargets(ranges, () -> List.of(FLOOR_1), health, mode, Duration.ofMinutes(10), clock,
                events, new DesiredTargets.Actions() {
                    @Override
                    public void reconcile(String range) {
                        actions.add("reconcile " + range);
                    }

                    @Override
                    public void failback(String range, String why) {
                        actions.add("failback " + range);
                    }
                });
    }

    @AfterEach
    void close() {
        database.close();
    }

    Target desired() {
        return ranges.ensure("floor-1", clock.instant()).desired();
    }

    @Test
    void flipsTheRangeToItsFallbackWhenThePrimaryIsDownAndTheFallbackUp() {
        targets.evaluate();
        assertThat(desired()).isEqualTo(Target.PRIMARY);
        health.set("pm-a", HealthState.DOWN);
        targets.evaluate();

        assertThat(desired()).isEqualTo(Target.FALLBACK);
        assertThat(actions).containsExactly("reconcile floor-1");
        assertThat(events.ofKind(EventKind.FAILOVER_STARTED)).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("to pm-b").contains("primary pm-a DOWN"));
        targets.evaluate();
        assertThat(actions).hasSize(1);
    }

    @Test
    void waitsForTheFallbackToComeUpWhileThePrimaryIsStillDown() {
        health.set("pm-a", HealthState.DOWN);
        health.set("pm-b", HealthState.DOWN);
        targets.evaluate();
        targets.evaluate();
        assertThat(desired()).isEqualTo(Target.PRIMARY);
        assertThat(events.ofKind(EventKind.FAILOVER_BLOCKED)).hasSize(1);

        health.set("pm-b", HealthState.UP);
        targets.evaluate();
        assertThat(desired()).isEqualTo(Target.FALLBACK);
        assertThat(actions).containsExactly("reconcile floor-1");
    }

    @Test
    void nothingMovesBackByItselfInManualMode() {
        health.set("pm-a", HealthState.DOWN);
        targets.evaluate();
        health.set("pm-a", HealthState.UP);
        clock.advance(Duration.ofHours(5));
        targets.evaluate();

        assertThat(desired()).isEqualTo(Target.FALLBACK);
        assertThat(actions).containsExactly("reconcile floor-1");
    }

    @Test
    void failsBackAutomaticallyOnceThePrimaryHasBeenUpForTheHoldDown() {
        targets(FailbackMode.AUTOMATIC);
        health.set("pm-a", HealthState.DOWN);
        targets.evaluate();
        health.set("pm-a", HealthState.UP);
        clock.advance(Duration.ofMinutes(9));
        targets.evaluate();
        assertThat(actions).containsExactly("reconcile floor-1");

        clock.advance(Duration.ofMinutes(1));
        targets.evaluate();
        targets.evaluate();
        assertThat(actions).containsExactly("reconcile floor-1", "failback floor-1");

        assertThat(targets.flipToPrimary(FLOOR_1, "automatic failback")).isTrue();
        assertThat(desired()).isEqualTo(Target.PRIMARY);
        assertThat(events.ofKind(EventKind.FAILBACK_STARTED)).hasSize(1);
    }

    @Test
    void automaticFailbackLeavesAPlannedFailoverAlone() {
        targets(FailbackMode.AUTOMATIC);
        assertThat(targets.plannedFailover(FLOOR_1)).isEmpty();
        clock.advance(Duration.ofHours(1));
        targets.evaluate();

        assertThat(desired()).isEqualTo(Target.FALLBACK);
        assertThat(actions).containsExactly("reconcile floor-1");
    }

    @Test
    void refusesAPlannedFailoverToAFallbackThatIsNotUp() {
        health.set("pm-b", HealthState.SUSPECT);
        assertThat(targets.plannedFailover(FLOOR_1)).hasValueSatisfying(r -> assertThat(r).contains("pm-b"));
        assertThat(actions).isEmpty();
    }

    @Test
    void refusesAFailbackWhileThePrimaryIsNotUpUnlessForced() {
        health.set("pm-a", HealthState.RECOVERING);
        assertThat(targets.checkFailback(FLOOR_1, false))
                .hasValueSatisfying(r -> assertThat(r).contains("primary pm-a of range floor-1 is RECOVERING"));
        assertThat(targets.checkFailback(FLOOR_1, true)).isEmpty();
    }

    @Test
    void returnsToThePrimaryWhenTheFallbackDiesAndThePrimaryIsUp() {
        health.set("pm-a", HealthState.DOWN);
        targets.evaluate();
        health.set("pm-a", HealthState.UP);
        health.set("pm-b", HealthState.DOWN);
        targets.evaluate();

        assertThat(desired()).isEqualTo(Target.PRIMARY);
        assertThat(actions).containsExactly("reconcile floor-1", "reconcile floor-1");
    }

    @Test
    void anIsolatedControllerChangesNothing() {
        health.isolated = true;
        health.set("pm-a", HealthState.DOWN);
        targets.evaluate();
        assertThat(desired()).isEqualTo(Target.PRIMARY);
        assertThat(actions).isEmpty();
    }
}

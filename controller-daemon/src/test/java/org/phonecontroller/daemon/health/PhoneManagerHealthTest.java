package org.phonecontroller.daemon.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.phonecontroller.daemon.health.HealthState.DOWN;
import static org.phonecontroller.daemon.health.HealthState.RECOVERING;
import static org.phonecontroller.daemon.health.HealthState.SUSPECT;
import static org.phonecontroller.daemon.health.HealthState.UNKNOWN;
import static org.phonecontroller.daemon.health.HealthState.UP;
import static org.phonecontroller.daemon.testing.ScriptedProbe.TIMEOUT;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.phonecontroller.daemon.testing.FakeClock;
import org.phonecontroller.daemon.testing.ScriptedProbe;
import org.phonecontroller.protocols.ProbeResult;

class PhoneManagerHealthTest {

    final FakeClock clock = new FakeClock(Instant.parse("2026-11-21T10:00:00Z"));
    final PhoneManagerHealth health = new PhoneManagerHealth("pm-a", new HealthThresholds(3, 2), clock.instant());
    final List<HealthTransition> transitions = new ArrayList<>();

    void feed(ProbeResult... results) {
        for (ProbeResult r : results) {
            clock.advance(Duration.ofSeconds(1));
            transitions.addAll(health.record(r, clock.instant()));
        }
    }

    List<String> moves() {
        return transitions.stream().map(t -> t.from() + "->" + t.to()).toList();
    }

    @Test
    void goesDownOnlyAfterFailuresToDownMissedProbesInARow() {
        feed(ScriptedProbe.UP, ScriptedProbe.UP, TIMEOUT, TIMEOUT);
        assertThat(health.state()).isEqualTo(SUSPECT);
        feed(TIMEOUT);
        assertThat(health.state()).isEqualTo(DOWN);
        assertThat(health.since()).isEqualTo(clock.instant());
        assertThat(moves()).containsExactly("UNKNOWN->UP", "UP->SUSPECT", "SUSPECT->DOWN");
        assertThat(transitions.get(2).reason()).contains("TIMEOUT").contains("3 in a row");
    }

    @Test
    void aSingleAnswerWhileSuspectMakesItUpAgainAndRestartsTheCount() {
        feed(ScriptedProbe.UP, ScriptedProbe.UP, TIMEOUT, TIMEOUT, ScriptedProbe.UP, TIMEOUT, TIMEOUT);
        assertThat(health.state()).isEqualTo(SUSPECT);
        assertThat(moves()).containsExactly("UNKNOWN->UP", "UP->SUSPECT", "SUSPECT->UP", "UP->SUSPECT");
    }

    @Test
    void comesBackUpOnlyAfterSuccessesToUpAnswersInARow() {
        feed(TIMEOUT, TIMEOUT, TIMEOUT);
        assertThat(health.state()).isEqualTo(DOWN);
        feed(ScriptedProbe.UP);
        assertThat(health.state()).isEqualTo(RECOVERING);
        feed(TIMEOUT);
        assertThat(health.state()).isEqualTo(DOWN);
        feed(ScriptedProbe.UP, ScriptedProbe.UP);
        assertThat(health.state()).isEqualTo(UP);
        assertThat(moves()).containsExactly("UNKNOWN->SUSPECT", "SUSPECT->DOWN", "DOWN->RECOVERING",
                "RECOVERING->DOWN", "DOWN->RECOVERING", "RECOVERING->UP");
    }

    @Test
    void reportsBothMovesWhenAThresholdOfOnePassesThroughTheMiddleState() {
        var eager = new PhoneManagerHealth("pm-b", new HealthThresholds(1, 1), clock.instant());
        eager.record(ScriptedProbe.UP, clock.instant());
        assertThat(eager.record(TIMEOUT, clock.instant())).extracting(HealthTransition::to)
                .containsExactly(SUSPECT, DOWN);
        assertThat(eager.record(ScriptedProbe.UP, clock.instant())).extracting(HealthTransition::to)
                .containsExactly(RECOVERING, UP);
    }

    @Test
    void aPhoneManagerNotJudgedYetNeedsSuccessesToUpAnswersInARowToBeUp() {
        feed(ScriptedProbe.UP);
        assertThat(health.state()).isEqualTo(UNKNOWN);
        feed(ScriptedProbe.UP);
        assertThat(health.state()).isEqualTo(UP);
        assertThat(moves()).containsExactly("UNKNOWN->UP");
        assertThat(transitions.get(0).reason()).contains("2 in a row");
    }

    @Test
    void aResumedMachineContinuesWhereItsPredecessorStopped() {
        feed(TIMEOUT, TIMEOUT, TIMEOUT, ScriptedProbe.UP);
        assertThat(health.state()).isEqualTo(RECOVERING);

        var resumed = PhoneManagerHealth.resume("pm-a", new HealthThresholds(3, 2), health.memory());
        assertThat(resumed.state()).isEqualTo(RECOVERING);
        assertThat(resumed.since()).isEqualTo(health.since());
        clock.advance(Duration.ofSeconds(1));
        assertThat(resumed.record(ScriptedProbe.UP, clock.instant())).extracting(HealthTransition::to)
                .containsExactly(UP);
    }

    @Test
    void everyMoveItMakesIsInTheTableOfLegalTransitions() {
        feed(TIMEOUT, ScriptedProbe.UP, TIMEOUT, TIMEOUT, TIMEOUT, ScriptedProbe.UP, TIMEOUT, ScriptedProbe.UP,
                ScriptedProbe.UP, TIMEOUT, ScriptedProbe.UP);
        assertThat(transitions).isNotEmpty()
                .allSatisfy(t -> assertThat(HealthTransitions.isLegal(t.from(), t.to())).isTrue());
    }

    @Test
    void theTableRefusesShortcuts() {
        assertThat(HealthTransitions.isLegal(UP, DOWN)).isFalse();
        assertThat(HealthTransitions.isLegal(DOWN, UP)).isFalse();
        assertThat(HealthTransitions.from(UNKNOWN)).containsExactlyInAnyOrder(UP, SUSPECT);
        assertThatThrownBy(() -> HealthTransitions.check("pm-a", DOWN, UP))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("illegal health transition of pm-a: DOWN -> UP");
    }
}

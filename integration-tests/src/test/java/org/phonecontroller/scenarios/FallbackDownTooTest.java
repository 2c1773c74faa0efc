package org.phonecontroller.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.phonecontroller.lab.LabViews.PhoneView;

/**
 * Issue #7 (d): when the fallback is down too, nothing is pushed (a phone moved to a dead server loses service for
 * nothing); as soon as the fallback comes up while the primary is still down, the failover proceeds.
 */
class FallbackDownTooTest {
    private static final String P = "127.44";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path folder;

    @Test
    void pushesNothingWhileTheFallbackIsDownAndFailsOverOnceItIsUp() {
        ControllerSetup setup = ControllerSetup.twoPhoneManagers(P).withCiscoRange("cisco", P + ".16.1-" + P + ".16.30");
        try (Scenario s = Scenario.start(folder, setup, P, ScenarioLab.ciscoPhones(P, 16, 30))) {
            EventsJournal events = s.events();
            s.lab.lab().killPhoneManager("pm-b");
            await("pm-b DOWN").atMost(Duration.ofSeconds(20)).until(() -> !events.matching(
                    e -> e.is("PHONE_MANAGER_DOWN") && "pm-b".equals(e.phoneManager())).isEmpty());

            s.lab.lab().killPhoneManager("pm-a");
            await("the failover blocked").atMost(Duration.ofSeconds(20))
                    .until(() -> events.count("FAILOVER_BLOCKED") == 1);
            await("no push while both are down").during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
                    .until(() -> s.lab.phones().stream().mapToInt(PhoneView::configChanges).sum() == 0);
            assertThat(events.count("FAILOVER_STARTED")).isZero();
            assertThat(events.count("PHONE_REPROGRAMMED")).isZero();

            s.lab.lab().restartPhoneManager("pm-b");
            s.lab.awaitEveryPhoneRegisteredAt("pm-b", Duration.ofSeconds(60));
            assertThat(events.kindsIn(java.util.Set.of("FAILOVER_BLOCKED", "PHONE_MANAGER_UP", "FAILOVER_STARTED")))
                    .as(events.tail(20)).containsSubsequence("FAILOVER_BLOCKED", "PHONE_MANAGER_UP",
                            "FAILOVER_STARTED");
            assertThat(events.count("FAILOVER_BLOCKED")).as("once per episode").isEqualTo(1);
            assertThat(s.lab.phones()).allSatisfy(p -> assertThat(p.configChanges()).isEqualTo(1));
        }
    }
}

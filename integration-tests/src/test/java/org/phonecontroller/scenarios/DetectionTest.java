package org.phonecontroller.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue #7 (c): a killed primary (its port refuses) and a hung one (answers nothing) are both declared DOWN within
 * the configured thresholds: failuresToDown probes of one interval each, the last one waiting for its timeout. The
 * bound adds a generous allowance for a loaded machine; the measured delays are logged.
 */
class DetectionTest {
    private static final Logger LOG = LoggerFactory.getLogger(DetectionTest.class);
    private static final String P = "127.43";
    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static final Duration TIMEOUT = Duration.ofMillis(150);
    private static final int FAILURES_TO_DOWN = 3;
    /** failuresToDown intervals, plus one interval of phase, plus the last probe's timeout. */
    private static final Duration CONFIGURED = INTERVAL.multipliedBy(FAILURES_TO_DOWN + 1).plus(TIMEOUT);
    private static final Duration ALLOWANCE = Duration.ofSeconds(2);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path folder;

    @Test
    void detectsAKilledAndAHungPrimaryWithinTheConfiguredThresholds() {
        ControllerSetup setup = ControllerSetup.twoPhoneManagers(P).withCiscoRange("cisco", P + ".16.1-" + P + ".16.10")
                .withProbe("{ interval: %dms, timeout: %dms, failuresToDown: %d, successesToUp: 3 }"
                        .formatted(INTERVAL.toMillis(), TIMEOUT.toMillis(), FAILURES_TO_DOWN));
        try (Scenario s = Scenario.start(folder, setup, P, ScenarioLab.ciscoPhones(P, 16, 10))) {
            EventsJournal events = s.events();

            Instant killed = Instant.now();
            s.lab.lab().killPhoneManager("pm-a");
            Duration killedToDown = awaitDown(events, killed, 1);
            assertThat(events.ofKind("PHONE_MANAGER_DOWN").get(0).detail()).containsIgnoringCase("refused");

            s.lab.lab().restartPhoneManager("pm-a");
            await("pm-a UP again").atMost(Duration.ofSeconds(10)).until(() -> events.matching(
                    e -> e.is("PHONE_MANAGER_UP") && "pm-a".equals(e.phoneManager())).size() >= 2);

            Instant hung = Instant.now();
            s.lab.lab().hangPhoneManager("pm-a");
            Duration hungToDown = awaitDown(events, hung, 2);
            assertThat(events.ofKind("PHONE_MANAGER_DOWN").get(1).detail()).containsIgnoringCase("timeout");

            LOG.info("killed -> DOWN in {} ms, hung -> DOWN in {} ms (configured bound {} ms + allowance {} ms)",
                    killedToDown.toMillis(), hungToDown.toMillis(), CONFIGURED.toMillis(), ALLOWANCE.toMillis());
            assertThat(killedToDown).isLessThanOrEqualTo(CONFIGURED.plus(ALLOWANCE));
            assertThat(hungToDown).isLessThanOrEqualTo(CONFIGURED.plus(ALLOWANCE));
            assertThat(hungToDown).as("a hang needs failuresToDown missed probes")
                    .isGreaterThanOrEqualTo(INTERVAL.multipliedBy(FAILURES_TO_DOWN - 1));
        }
    }

    private static Duration awaitDown(EventsJournal events, Instant since, int nth) {
        await("pm-a DOWN (#%d)".formatted(nth)).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> events.matching(e -> e.is("PHONE_MANAGER_DOWN") && "pm-a".equals(e.phoneManager()))
                        .size() >= nth);
        EventLine down = events.matching(e -> e.is("PHONE_MANAGER_DOWN") && "pm-a".equals(e.phoneManager()))
                .get(nth - 1);
        return Duration.between(since, down.ts());
    }
}

package org.phonecontroller.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.phonecontroller.lab.LabViews.PhoneView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue #7 (f): a primary that goes down and up every 2 s causes at most one failover and no push storm: every phone
 * is pushed once, to the fallback, and stays there (manual failback).
 */
class FlappingPrimaryTest {
    private static final Logger LOG = LoggerFactory.getLogger(FlappingPrimaryTest.class);
    private static final String P = "127.46";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path folder;

    @Test
    void aPrimaryFlappingForTwelveSecondsCausesOneFailoverAndNoPushStorm() {
        flap(Duration.ofSeconds(12));
    }

    @Test
    @Tag("slow")
    void aPrimaryFlappingForAMinuteCausesOneFailoverAndNoPushStorm() {
        flap(Duration.ofMinutes(1));
    }

    private void flap(Duration howLong) {
        ControllerSetup setup = ControllerSetup.twoPhoneManagers(P).withCiscoRange("cisco", P + ".16.1-" + P + ".16.40");
        try (Scenario s = Scenario.start(folder, setup, P, ScenarioLab.ciscoPhones(P, 16, 40))) {
            EventsJournal events = s.events();
            long flaps = howLong.toSeconds() / 4;
            for (int i = 0; i < flaps; i++) {
                s.lab.lab().killPhoneManager("pm-a");
                await("pm-a down: one failover at most").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                        .until(() -> events.count("FAILOVER_STARTED") <= 1);
                s.lab.lab().restartPhoneManager("pm-a");
                await("pm-a up again: nothing moves back").during(Duration.ofSeconds(2))
                        .atMost(Duration.ofSeconds(3)).until(() -> events.count("FAILOVER_STARTED") <= 1
                                && events.count("FAILBACK_STARTED") == 0);
            }
            s.lab.awaitEveryPhoneRegisteredAt("pm-b", Duration.ofSeconds(60));
            await("nothing moving afterwards").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> s.lab.registeredAt("pm-b") == 40);

            long downs = events.matching(e -> e.is("PHONE_MANAGER_DOWN") && "pm-a".equals(e.phoneManager())).size();
            LOG.info("{} flaps: pm-a DOWN {} times, {} failover(s), {} pushes to 40 phones", flaps, downs,
                    events.count("FAILOVER_STARTED"), s.lab.phones().stream().mapToInt(PhoneView::configChanges).sum());
            assertThat(downs).as("the primary really flapped").isGreaterThanOrEqualTo(2);
            assertThat(events.count("FAILOVER_STARTED")).as(events.tail(30)).isEqualTo(1);
            assertThat(events.count("FAILBACK_STARTED")).isZero();
            assertThat(s.lab.phones()).extracting(PhoneView::configChanges).containsOnly(1);
        }
    }
}

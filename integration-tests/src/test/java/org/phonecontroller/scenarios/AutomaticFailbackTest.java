package org.phonecontroller.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #7 (i): with {@code failback: automatic} the phones return to the primary by themselves, but only once the
 * primary has been UP for the hold-down ({@code automaticFailbackAfter}).
 */
class AutomaticFailbackTest {
    private static final String P = "127.49";
    private static final Duration HOLD_DOWN = Duration.ofSeconds(6);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path folder;

    @Test
    void returnsThePhonesOnlyAfterThePrimaryHasBeenUpForTheHoldDown() {
        ControllerSetup setup = ControllerSetup.twoPhoneManagers(P).withCiscoRange("cisco", P + ".16.1-" + P + ".16.20")
                .withFailover("{ maxInFlight: 32, maxPerSecond: 200, failback: automatic, automaticFailbackAfter: "
                        + HOLD_DOWN.toSeconds() + "s }");
        try (Scenario s = Scenario.start(folder, setup, P, ScenarioLab.ciscoPhones(P, 16, 20))) {
            EventsJournal events = s.events();
            s.lab.lab().killPhoneManager("pm-a");
            s.lab.awaitEveryPhoneRegisteredAt("pm-b", Duration.ofSeconds(60));

            s.lab.lab().restartPhoneManager("pm-a");
            await("pm-a UP again").atMost(Duration.ofSeconds(20)).until(() -> events.matching(
                    e -> e.is("PHONE_MANAGER_UP") && "pm-a".equals(e.phoneManager())).size() >= 2);
            EventLine up = events.matching(e -> e.is("PHONE_MANAGER_UP") && "pm-a".equals(e.phoneManager())).get(1);
            s.lab.awaitEveryPhoneRegisteredAt("pm-a", HOLD_DOWN.plus(Duration.ofSeconds(60)));
            // the phones re-register as soon as they are set; their events and the range's FAILBACK_COMPLETED follow
            // the read-backs
            await("FAILBACK_COMPLETED").atMost(Duration.ofSeconds(20))
                    .until(() -> events.count("FAILBACK_COMPLETED") >= 1);

            EventLine failback = events.ofKind("FAILBACK_STARTED").get(0);
            assertThat(Duration.between(up.ts(), failback.ts())).as(events.tail(30))
                    .isGreaterThanOrEqualTo(HOLD_DOWN);
            EventLine firstBack = events.matching(e -> e.is("PHONE_REPROGRAMMED") && "pm-a".equals(e.phoneManager()))
                    .get(0);
            assertThat(firstBack.ts()).isAfter(failback.ts());
            assertThat(events.count("FAILBACK_COMPLETED")).as(events.tail(30)).isEqualTo(1);
        }
    }
}

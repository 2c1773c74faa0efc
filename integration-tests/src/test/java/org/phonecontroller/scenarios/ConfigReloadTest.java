package org.phonecontroller.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #7 (h): a bad configuration given to a running daemon changes nothing: CONFIG_REJECTED lists every problem,
 * the daemon keeps its last good configuration and still fails over with it.
 */
class ConfigReloadTest {
    private static final String P = "127.48";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path folder;

    @Test
    void keepsTheLastGoodConfigurationAndListsEveryProblemOfABadOne() {
        ControllerSetup good = ControllerSetup.twoPhoneManagers(P).withCiscoRange("cisco", P + ".16.1-" + P + ".16.10");
        try (Scenario s = Scenario.start(folder, good, P, ScenarioLab.ciscoPhones(P, 16, 10))) {
            EventsJournal events = s.events();
            ControllerSetup bad = good.withCiscoRange("overlapping", P + ".16.5-" + P + ".16.20")
                    .withRange(new ControllerSetup.Range("typo", P + ".30.0/24", "pm-c", "pm-b", "[\"snmp:lab-cisco\"]"));
            s.daemon.writeControllerYaml(s.daemon.controllerYaml(bad));
            s.daemon.hangup();

            await("CONFIG_REJECTED").atMost(Duration.ofSeconds(20)).until(() -> events.count("CONFIG_REJECTED") >= 1);
            String problems = events.ofKind("CONFIG_REJECTED").get(0).detail();
            assertThat(problems).contains("overlaps").contains("'pm-c'").contains("controller.yaml:");
            assertThat(events.count("CONFIG_APPLIED")).isZero();
            assertThat(s.daemon.isAlive()).isTrue();

            CommandResult status = s.daemon.phonectl("status", "--json");
            assertThat(status.exitCode()).as(status.all()).isZero();
            assertThat(status.out()).contains("\"cisco\"").doesNotContain("\"overlapping\"", "\"typo\"");

            s.lab.lab().killPhoneManager("pm-a");
            s.lab.awaitEveryPhoneRegisteredAt("pm-b", Duration.ofSeconds(60));
        }
    }
}

package org.phonecontroller.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue #7 (a): the SwyxWare procedure end to end with the real daemon process. The primary dies and every phone is
 * moved to the fallback; the primary returns and nothing moves back by itself; the fallback PhoneManager is stopped
 * and {@code phonectl failback --all --wait} brings every phone home; events.jsonl tells it in order.
 */
class SwyxWareProcedureTest {
    private static final Logger LOG = LoggerFactory.getLogger(SwyxWareProcedureTest.class);
    private static final String P = "127.41";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path folder;

    @Test
    void failsOverEveryPhoneWhenThePrimaryDiesAndBringsThemBackOnlyWhenTheAdminAsks() {
        ControllerSetup setup = ControllerSetup.twoPhoneManagers(P)
                .withCiscoRange("cisco", P + ".16.0/24")
                .withRange(new ControllerSetup.Range("polycom", P + ".20.0/24", "pm-a", "pm-b", "[polycom-rest]"))
                .withCredentials("""
                        default:
                          snmp: { version: 2c, community: lab }
                        polycom:
                          http: { user: Polycom, password: lab-poly }
                        """);
        try (Scenario s = Scenario.start(folder, setup, P, ScenarioLab.ciscoPhones(P, 16, 40),
                "- { addresses: " + P + ".20.0/24, count: 20, vendor: polycom-rest, registeredTo: pm-a,"
                        + " http: { user: Polycom, password: lab-poly } }")) {
            ScenarioLab lab = s.lab;
            EventsJournal events = s.events();

            lab.lab().killPhoneManager("pm-a");
            lab.awaitEveryPhoneRegisteredAt("pm-b", Duration.ofSeconds(60));
            await("both failovers completed").atMost(Duration.ofSeconds(30))
                    .until(() -> events.count("FAILOVER_COMPLETED") >= 2);

            lab.lab().restartPhoneManager("pm-a");
            await("pm-a UP again").atMost(Duration.ofSeconds(30)).until(() -> events.matching(
                    e -> e.is("PHONE_MANAGER_UP") && "pm-a".equals(e.phoneManager())).size() >= 2);
            await("nothing moving back by itself").during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(5)).until(() -> lab.registeredAt("pm-b") == 60);
            assertThat(events.count("FAILBACK_STARTED")).as(events.tail(20)).isZero();

            lab.lab().killPhoneManager("pm-b");
            CommandResult failback = s.daemon.phonectl("failback", "--all", "--wait");
            LOG.info("{}", failback.all());

            assertThat(failback.exitCode()).as(failback.all()).isZero();
            lab.awaitEveryPhoneRegisteredAt("pm-a", Duration.ofSeconds(30));
            assertThat(events.reprogrammedTo("pm-b")).hasSize(60);
            assertThat(events.reprogrammedTo("pm-a")).hasSize(60);
            assertThat(milestones(events, "cisco")).as(events.tail(40)).containsSubsequence(
                    "PHONE_MANAGER_DOWN pm-a", "FAILOVER_STARTED cisco", "PHONE_REPROGRAMMED cisco pm-b",
                    "FAILOVER_COMPLETED cisco", "PHONE_MANAGER_UP pm-a", "FAILBACK_STARTED cisco",
                    "PHONE_REPROGRAMMED cisco pm-a", "FAILBACK_COMPLETED cisco");
            assertThat(events.count("PHONE_FAILED")).as(events.tail(40)).isZero();
        }
    }

    /** The story of one range as "KIND [range] [pm]" labels, one per event, in the order written. */
    static List<String> milestones(EventsJournal events, String range) {
        return events.all().stream()
                .filter(e -> e.range() == null || e.range().equals(range))
                .map(e -> switch (e.kind()) {
                    case "PHONE_MANAGER_DOWN", "PHONE_MANAGER_UP" -> e.kind() + " " + e.phoneManager();
                    case "PHONE_REPROGRAMMED" -> e.kind() + " " + e.range() + " " + e.phoneManager();
                    default -> e.range() == null ? e.kind() : e.kind() + " " + e.range();
                }).toList();
    }
}

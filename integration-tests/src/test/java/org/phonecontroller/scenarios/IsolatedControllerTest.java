package org.phonecontroller.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.phonecontroller.lab.LabViews.PhoneView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue #7 (l), the isolated controller: the daemon runs in a network namespace of its own and reaches the
 * lab (root namespace) over a veth pair that the test can cut ({@link ControllerNamespace}). Its witness is an
 * address of the lab's block where nothing listens: while the network is up it refuses, which is an answer; once
 * the cable is pulled it is silent like everything else. A controller that hears nothing must not conclude that
 * the PhoneManagers died: CONTROLLER_ISOLATED, no DOWN, no phone touched. Two cuts: the first with the primary
 * healthy all along (restored: nothing moves), the second with the primary killed during the cut (restored: the
 * daemon learns the truth and fails over, each phone pushed once).
 */
class IsolatedControllerTest {
    private static final Logger LOG = LoggerFactory.getLogger(IsolatedControllerTest.class);
    private static final String P = "127.53";
    /** Nothing of the lab listens here: the daemon's TCP connect is refused (an answer) until the cable is cut. */
    private static final String WITNESS = P + ".2.1";
    private static final int CISCO = 20;
    private static final int POLYCOM = 6;
    private static final int PHONES = CISCO + POLYCOM;
    private static final Duration QUIET = Duration.ofSeconds(4);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path folder;

    @Test
    void anIsolatedControllerTouchesNothingAndActsOnTheTruthOnceItIsConnectedAgain() {
        ControllerSetup setup = ControllerSetup.twoPhoneManagers(P)
                .withCiscoRange("cisco", P + ".16.1-" + P + ".16." + CISCO)
                .withRange(new ControllerSetup.Range("polycom", P + ".20.1-" + P + ".20." + POLYCOM, "pm-a", "pm-b",
                        "[polycom-rest]"))
                .withCredentials("""
                        default:
                          snmp: { version: 2c, community: lab }
                        polycom:
                          http: { user: Polycom, password: lab-poly }
                        """)
                .withWitnesses(WITNESS);
        try (ControllerNamespace ns = ControllerNamespace.createOrAbort(P);
             Scenario s = Scenario.start(folder, setup, ns.commandPrefix(), P, ScenarioLab.ciscoPhones(P, 16, CISCO),
                     "- { addresses: " + P + ".20.0/24, count: " + POLYCOM + ", vendor: polycom-rest,"
                             + " registeredTo: pm-a, http: { user: Polycom, password: lab-poly } }")) {
            ScenarioLab lab = s.lab;
            EventsJournal events = s.events();
            // Discovery over SNMP and HTTP worked across the pair; the primary is judged UP over it too.
            await("pm-a UP").atMost(Duration.ofSeconds(20)).until(() -> !events.matching(
                    e -> e.is("PHONE_MANAGER_UP") && "pm-a".equals(e.phoneManager())).isEmpty());
            assertThat(events.count("CONTROLLER_ISOLATED")).as(events.tail(20)).isZero();

            // 1. Cut with the primary healthy: a controller without witnesses would declare pm-a DOWN in ~1 s.
            ns.cut();
            awaitCount(events, "CONTROLLER_ISOLATED", 1);
            long optionsAtCut = lab.lab().stats("pm-a").optionsAnswered();
            awaitNothingMoves(s, "while cut off");
            assertThat(lab.registeredAt("pm-a")).isEqualTo(PHONES);
            assertThat(lab.lab().stats("pm-a").optionsAnswered()).as("the cut is real: no probe reaches pm-a")
                    .isEqualTo(optionsAtCut);
            CommandResult status = s.daemon.phonectl("status");
            assertThat(status.out()).as(status.all()).contains("ISOLATED");

            ns.restore();
            awaitCount(events, "CONTROLLER_CONNECTED", 1);
            awaitNothingMoves(s, "once connected again, pm-a being healthy");
            assertThat(lab.registeredAt("pm-a")).isEqualTo(PHONES);
            assertThat(lab.lab().stats("pm-a").optionsAnswered()).as("probes reach pm-a again")
                    .isGreaterThan(optionsAtCut);

            // 2. Cut again; the primary dies while the controller cannot see it.
            ns.cut();
            awaitCount(events, "CONTROLLER_ISOLATED", 2);
            lab.lab().killPhoneManager("pm-a");
            awaitNothingMoves(s, "while cut off, pm-a dead");

            ns.restore();
            awaitCount(events, "CONTROLLER_CONNECTED", 2);
            lab.awaitEveryPhoneRegisteredAt("pm-b", Duration.ofSeconds(60));
            await("both failovers completed").atMost(Duration.ofSeconds(30))
                    .until(() -> events.count("FAILOVER_COMPLETED") >= 2);

            LOG.info("the story:\n{}", String.join("\n", events.matching(e -> !e.kind().startsWith("PHONE_")
                    || e.kind().startsWith("PHONE_MANAGER_")).stream().map(EventLine::toString).toList()));
            assertThat(events.kindsIn(Set.of("CONTROLLER_ISOLATED", "CONTROLLER_CONNECTED", "PHONE_MANAGER_DOWN",
                    "FAILOVER_STARTED"))).as(events.tail(40)).containsExactly(
                    "CONTROLLER_ISOLATED", "CONTROLLER_CONNECTED", "CONTROLLER_ISOLATED", "CONTROLLER_CONNECTED",
                    "PHONE_MANAGER_DOWN", "FAILOVER_STARTED", "FAILOVER_STARTED");
            assertThat(events.ofKind("PHONE_MANAGER_DOWN")).as(events.tail(40))
                    .singleElement().satisfies(down -> assertThat(down.phoneManager()).isEqualTo("pm-a"));
            assertThat(events.reprogrammedTo("pm-b")).hasSize(PHONES);
            assertThat(lab.phones()).allSatisfy(p -> assertThat(p.configChanges()).as(p.address()).isEqualTo(1));
            assertThat(events.count("PHONE_FAILED")).as(events.tail(40)).isZero();
        }
    }

    private static void awaitCount(EventsJournal events, String kind, int count) {
        await("%s #%d".formatted(kind, count)).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> events.count(kind) >= count);
        assertThat(events.count(kind)).as("once per episode\n" + events.tail(20)).isEqualTo(count);
    }

    /** For {@link #QUIET}: no DOWN, no failover, no phone reprogrammed. */
    private static void awaitNothingMoves(Scenario s, String when) {
        EventsJournal events = s.events();
        await("nothing moving " + when).during(QUIET).atMost(QUIET.plusSeconds(3))
                .until(() -> events.count("PHONE_MANAGER_DOWN") == 0 && events.count("FAILOVER_STARTED") == 0
                        && s.lab.phones().stream().mapToInt(PhoneView::configChanges).sum() == 0);
    }
}

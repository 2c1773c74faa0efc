package org.phonecontroller.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #7 (b): calls are not cut. A phone in a call is deferred and moved right after its call ends; a phone still in
 * a call after {@code maxBusyDeferral} is pushed anyway and logged: a phone that takes changes during a call (it keeps
 * them until the call ends, as the lab's Cisco-style phones do) is reprogrammed and moves when its call ends; a phone
 * that refuses changes during a call (Polycom answers 4001) is reported FAILED with the reason and tried again by the
 * next run. No call is ever cut.
 */
class BusyPhonesTest {
    private static final String P = "127.42";
    private static final String CALL_ENDS = P + ".16.1";
    private static final String LONG_CALL = P + ".16.2";
    private static final String REFUSING_LONG_CALL = P + ".20.1";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path folder;

    @Test
    void defersPhonesInACallUntilTheCallEndsAndPushesThoseStillBusyPastTheLimitAnyway() {
        ControllerSetup setup = ControllerSetup.twoPhoneManagers(P)
                .withCiscoRange("cisco", P + ".16.1-" + P + ".16.20")
                .withRange(new ControllerSetup.Range("polycom", P + ".20.1-" + P + ".20.5", "pm-a", "pm-b",
                        "[polycom-rest]"))
                .withCredentials("""
                        default: { snmp: { version: 2c, community: lab } }
                        polycom: { http: { user: Polycom, password: lab-poly } }
                        """)
                .withFailover("{ maxInFlight: 8, maxPerSecond: 100, busyPhones: defer, maxBusyDeferral: 6s }");
        try (Scenario s = Scenario.start(folder, setup, P, ScenarioLab.ciscoPhones(P, 16, 20),
                "- { addresses: " + P + ".20.0/24, count: 5, vendor: polycom-rest, registeredTo: pm-a,"
                        + " http: { user: Polycom, password: lab-poly } }")) {
            EventsJournal events = s.events();
            s.lab.lab().setBusy(CALL_ENDS, true);
            s.lab.lab().setBusy(LONG_CALL, true);
            s.lab.lab().setBusy(REFUSING_LONG_CALL, true);

            s.lab.lab().killPhoneManager("pm-a");
            s.lab.awaitRegisteredAt("pm-b", 22, Duration.ofSeconds(60));
            await("the three phones in a call deferred").atMost(Duration.ofSeconds(10))
                    .until(() -> events.count("PHONE_DEFERRED_BUSY") == 3);
            assertThat(s.lab.phone(CALL_ENDS).configChanges()).as("not touched during its call").isZero();
            assertThat(s.lab.phone(CALL_ENDS).registeredTo()).contains("pm-a");

            s.lab.lab().setBusy(CALL_ENDS, false);
            await("the phone whose call ended moved").atMost(Duration.ofSeconds(10))
                    .until(() -> s.lab.phone(CALL_ENDS).registeredTo().orElse("").equals("pm-b"));

            EventLine longCallDeferred = events.matching(
                    e -> e.is("PHONE_DEFERRED_BUSY") && LONG_CALL.equals(e.phone())).get(0);
            await(LONG_CALL + " pushed anyway after maxBusyDeferral").atMost(Duration.ofSeconds(30)).until(
                    () -> !events.matching(e -> e.is("PHONE_REPROGRAMMED") && LONG_CALL.equals(e.phone())).isEmpty());
            EventLine pushedAnyway = events.matching(
                    e -> e.is("PHONE_REPROGRAMMED") && LONG_CALL.equals(e.phone())).get(0);
            assertThat(Duration.between(longCallDeferred.ts(), pushedAnyway.ts()))
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(6));
            assertThat(s.lab.phone(LONG_CALL).busy()).as("the call was not cut").isTrue();
            assertThat(s.lab.phone(LONG_CALL).registeredTo()).as("it moves when its call ends").contains("pm-a");
            s.lab.lab().setBusy(LONG_CALL, false);
            await(LONG_CALL + " moved once its call ended").atMost(Duration.ofSeconds(10))
                    .until(() -> s.lab.phone(LONG_CALL).registeredTo().orElse("").equals("pm-b"));

            await(REFUSING_LONG_CALL + " reported after maxBusyDeferral").atMost(Duration.ofSeconds(30)).until(
                    () -> !events.matching(e -> e.is("PHONE_FAILED") && REFUSING_LONG_CALL.equals(e.phone())).isEmpty());
            EventLine deferred = events.matching(
                    e -> e.is("PHONE_DEFERRED_BUSY") && REFUSING_LONG_CALL.equals(e.phone())).get(0);
            EventLine refused = events.matching(
                    e -> e.is("PHONE_FAILED") && REFUSING_LONG_CALL.equals(e.phone())).get(0);
            assertThat(refused.detail()).contains("still in a call after 6s");
            assertThat(Duration.between(deferred.ts(), refused.ts())).isGreaterThanOrEqualTo(Duration.ofSeconds(6));
            assertThat(s.lab.phone(REFUSING_LONG_CALL).configChanges()).as("the call was not cut").isZero();
            assertThat(s.lab.phone(REFUSING_LONG_CALL).busy()).isTrue();

            CommandResult failed = s.daemon.phonectl("phones", "--state", "failed", "--json");
            assertThat(failed.exitCode()).as(failed.all()).isZero();
            assertThat(failed.out()).as(failed.all()).contains("\"" + REFUSING_LONG_CALL + "\"")
                    .doesNotContain("\"" + LONG_CALL + "\"").contains("still in a call");
            assertThat(events.count("PHONE_FAILED")).as(events.tail(30)).isEqualTo(1);
        }
    }
}

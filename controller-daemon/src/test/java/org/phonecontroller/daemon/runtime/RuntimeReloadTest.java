package org.phonecontroller.daemon.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phonecontroller.daemon.events.Event;
import org.phonecontroller.daemon.events.EventKind;
import org.phonecontroller.daemon.events.EventLog;
import org.phonecontroller.daemon.health.HealthState;
import org.phonecontroller.daemon.testing.FakePhones;
import org.phonecontroller.daemon.testing.ScriptedProbe;
import org.phonecontroller.daemon.testing.ScriptedWorld;
import org.phonecontroller.daemon.time.TimeSource;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.ServerAssignment;

/**
 * Reloads replace the whole runtime: validated, built aside, the old one stopped and drained, then swapped; a reload
 * that cannot be built changes nothing. Scripted probes and in-memory phones (addresses in 127.60.0.0/16 are only
 * names here: nothing is sent).
 */
class RuntimeReloadTest {

    static final ServerAddress A = new ServerAddress("127.60.0.10", 5060);
    static final ServerAddress B = new ServerAddress("127.60.1.10", 5060);
    static final ServerAddress C = new ServerAddress("127.60.2.10", 5060);
    static final int PHONES = 40;
    /** floor-1 is larger: its failover is still far from done when the daemon stops in the first test. */
    static final int FLOOR_1_PHONES = 80;
    static final int MAX_PER_SECOND = 10;

    @TempDir
    Path folder;
    Path config;
    final ScriptedProbe probe = new ScriptedProbe();
    final FakePhones phones = new FakePhones("fake", TimeSource.system());
    Daemon daemon;

    @BeforeEach
    void world() throws Exception {
        for (String address : FakePhones.addresses("127.60.16.", FLOOR_1_PHONES)) {
            phones.add(address, ServerAssignment.of(A, B));
        }
        for (String address : FakePhones.addresses("127.60.17.", PHONES)) {
            phones.add(address, ServerAssignment.of(C, B));
        }
        config = writeConfig(8, "20ms", "");
    }

    /** pm-a and pm-c are the primaries of floor-1 and floor-2; both fail over to pm-b. */
    Path writeConfig(int maxInFlight, String probeInterval, String extra) throws Exception {
        ScriptedWorld.writeCredentials(folder, "default:\n  snmp: { version: 2c, community: \"x\" }\n");
        Path file = folder.resolve("controller.yaml");
        Files.writeString(file, """
                phoneManagers:
                  pm-a: { address: 127.60.0.10:5060, transport: udp, probe: sip-options }
                  pm-b: { address: 127.60.1.10:5060, transport: udp, probe: sip-options }
                  pm-c: { address: 127.60.2.10:5060, transport: udp, probe: sip-options }
                %s
                ranges:
                  - name: floor-1
                    addresses: [127.60.16.1-127.60.16.%d]
                    primary: pm-a
                    fallback: pm-b
                    protocols: [snmp:sip-ua-generic]
                  - name: floor-2
                    addresses: [127.60.17.1-127.60.17.%d]
                    primary: pm-c
                    fallback: pm-b
                    protocols: [snmp:sip-ua-generic]
                probe:    { interval: %s, timeout: 10ms, failuresToDown: 2, successesToUp: 2 }
                failover: { maxInFlight: %d, maxPerSecond: %d }
                scan:     { ratePerSecond: 5000, timeout: 200ms, retries: 0 }
                storage:  { url: "jdbc:h2:file:%s" }
                credentialsFile: credentials.yaml
                """.formatted(extra, FLOOR_1_PHONES, PHONES, probeInterval, maxInFlight, MAX_PER_SECOND,
                folder.resolve("data/phonecontroller")));
        return file;
    }

    void start() throws Exception {
        List<String> answering = new ArrayList<>(FakePhones.addresses("127.60.16.", FLOOR_1_PHONES));
        answering.addAll(FakePhones.addresses("127.60.17.", PHONES));
        daemon = new ScriptedWorld(probe, phones, answering).withUnbuildableProbe("pm-unbuildable")
                .start(config, folder.resolve("logs"));
        await().atMost(Duration.ofSeconds(20)).until(() -> daemon.inventory().ofRange("floor-1").size()
                == FLOOR_1_PHONES && daemon.inventory().ofRange("floor-2").size() == PHONES);
        await().atMost(Duration.ofSeconds(5)).until(() -> List.of("pm-a", "pm-b", "pm-c").stream()
                .allMatch(pm -> daemon.health().state(pm) == HealthState.UP));
    }

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    List<Event> events() throws Exception {
        return Files.readAllLines(folder.resolve("logs/events.jsonl")).stream().map(EventLog::parseLine).toList();
    }

    /** The most pushes towards pm-b in any window [t, t+window). */
    static int busiest(List<FakePhones.Push> pushes, Duration window) {
        List<Instant> at = pushes.stream().filter(p -> p.servers().target().equals(B)).map(FakePhones.Push::at)
                .sorted().toList();
        int most = 0;
        for (int i = 0, j = 0; i < at.size(); i++) {
            while (j < at.size() && at.get(j).isBefore(at.get(i).plus(window))) {
                j++;
            }
            most = Math.max(most, j - i);
        }
        return most;
    }

    @Test
    void aReloadInTheMiddleOfAFailoverNeverExceedsMaxPerSecondAndAStopAfterItReturnsPromptly() throws Exception {
        phones.completePushesOn(CompletableFuture.delayedExecutor(30, TimeUnit.MILLISECONDS));
        start();
        probe.answer("pm-a", ScriptedProbe.REFUSED);
        await().atMost(Duration.ofSeconds(10)).until(() -> phones.pushes().size() >= 5);

        writeConfig(6, "20ms", ""); // another reconciler: same budget
        assertThat(daemon.reload()).isInstanceOf(ConfigReloader.Outcome.Applied.class);
        probe.answer("pm-c", ScriptedProbe.REFUSED); // floor-2 fails over too, to the same PhoneManager
        await().atMost(Duration.ofSeconds(15)).until(() -> phones.pushes().stream()
                .filter(p -> p.phone().startsWith("127.60.17.")).count() >= 10);

        daemon.close();

        List<FakePhones.Push> pushes = new ArrayList<>(phones.pushes());
        // Measured where the pushes arrive: a push reaches its phone after its PUSHING row is committed, so the times
        // recorded there bunch by up to a commit's latency (a couple of pushes on a busy machine). Two throttles, as
        // before this runtime existed, allow twice as many.
        assertThat(busiest(pushes, Duration.ofSeconds(3))).as("pushes to pm-b in three seconds")
                .isLessThanOrEqualTo(3 * MAX_PER_SECOND + 2);
        // the stop did not wait for a replaced reconciler to finish its range: phones are left for the next start
        assertThat(pushes.stream().filter(p -> p.phone().startsWith("127.60.16.")).count())
                .isLessThan(FLOOR_1_PHONES);
    }

    @Test
    void aReloadThatCannotBeBuiltChangesNothingAndSaysSo() throws Exception {
        start();
        DaemonRuntime running = daemon.runtime();
        var planned = daemon.plans().stream().map(p -> p.name()).toList();
        // valid on paper (a new range too), but its new PhoneManager's probe cannot be made
        writeConfig(6, "20ms", """
                  pm-unbuildable: { address: 127.60.3.10:5060, transport: udp, probe: sip-options }
                """);
        Files.writeString(config, Files.readString(config).replace("probe:    {", """
                  - name: floor-3
                    addresses: [127.60.18.1-127.60.18.5]
                    primary: pm-unbuildable
                    fallback: pm-b
                    protocols: [snmp:sip-ua-generic]
                probe:    {"""));

        var outcome = daemon.reload();

        assertThat(outcome).isInstanceOfSatisfying(ConfigReloader.Outcome.Rejected.class,
                r -> assertThat(r.problems()).anySatisfy(p -> assertThat(p).contains("pm-unbuildable")));
        assertThat(daemon.runtime()).isSameAs(running);
        assertThat(daemon.plans()).extracting(p -> p.name()).containsExactlyElementsOf(planned);
        assertThat(daemon.config().failover().maxInFlight()).isEqualTo(8);
        assertThat(events()).extracting(Event::kind).contains(EventKind.CONFIG_REJECTED)
                .doesNotContain(EventKind.CONFIG_APPLIED);
        // the running runtime still works: it still probes and decides
        probe.answer("pm-a", ScriptedProbe.REFUSED);
        await().atMost(Duration.ofSeconds(5)).until(() -> daemon.health().state("pm-a") == HealthState.DOWN);
        await().atMost(Duration.ofSeconds(20)).until(() -> phones.pushes().stream()
                .filter(p -> p.phone().startsWith("127.60.16.")).count() >= 3);
    }

    @Test
    void theHealthOfAnUnchangedPhoneManagerSurvivesAReloadAndStillNeedsSuccessesToUpToComeBack() throws Exception {
        start();
        probe.answer("pm-a", ScriptedProbe.REFUSED);
        await().atMost(Duration.ofSeconds(5)).until(() -> daemon.health().state("pm-a") == HealthState.DOWN);
        Instant downSince = daemon.health().since("pm-a");

        writeConfig(8, "25ms", ""); // probe settings change: health is rebuilt
        assertThat(daemon.reload()).isEqualTo(new ConfigReloader.Outcome.Applied(List.of("probe settings changed")));

        assertThat(daemon.health().state("pm-a")).isEqualTo(HealthState.DOWN);
        assertThat(daemon.health().since("pm-a")).isEqualTo(downSince);
        assertThat(daemon.health().state("pm-b")).isEqualTo(HealthState.UP);
        int eventsBefore = events().size();
        probe.answer("pm-a", ScriptedProbe.UP);
        await().atMost(Duration.ofSeconds(5)).until(() -> daemon.health().state("pm-a") == HealthState.UP);
        List<Event> all = events();
        List<String> pmA = all.subList(eventsBefore, all.size()).stream()
                .filter(e -> e.phoneManager().equals("pm-a")).map(e -> e.kind().name()).toList();
        assertThat(pmA).containsExactly("PHONE_MANAGER_RECOVERING", "PHONE_MANAGER_UP");
        assertThat(events()).filteredOn(e -> e.phoneManager().equals("pm-a"))
                .extracting(Event::kind).containsOnlyOnce(EventKind.PHONE_MANAGER_DOWN);
    }
}

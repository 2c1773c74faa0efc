package org.phonecontroller.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phonecontroller.daemon.admin.AdminJson;
import org.phonecontroller.daemon.admin.AdminServer;
import org.phonecontroller.daemon.admin.AdminServerSettings;
import org.phonecontroller.daemon.admin.ControllerMetrics;
import org.phonecontroller.daemon.admin.FakeAdminOperations;
import org.phonecontroller.daemon.admin.HealthState;
import org.phonecontroller.daemon.admin.JobProgress;
import org.phonecontroller.daemon.admin.StatusReport;
import org.phonecontroller.daemon.admin.JobProgress.PhoneVerdict;
import org.phonecontroller.daemon.admin.JobRef.JobKind;

/** The client commands against the real admin server in front of a fake daemon. */
class ClientCommandsTest {

    @TempDir
    Path dir;

    private final FakeAdminOperations daemon = new FakeAdminOperations();
    private final Clock clock = Clock.fixed(FakeAdminOperations.T0.plusSeconds(300), ZoneOffset.UTC);
    private AdminServer server;
    private Path config;

    @BeforeEach
    void startDaemon() throws IOException {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        server = AdminServer.start(AdminServerSettings.loopback(new InetSocketAddress("127.0.0.1", 0),
                dir.resolve("data/admin.token")), daemon, ControllerMetrics.withJvmMetrics(), new SecureRandom());
        config = writeConfig(conf.resolve("controller.yaml"), server.address().getPort());
    }

    @AfterEach
    void stopDaemon() {
        server.close();
    }

    @Test
    void statusShowsPhoneManagersAndRangesAsTables() {
        PhonectlRun run = phonectl("status", "--config", config.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("Controller node-1, version 0.1.0, up 1h30m")
                .containsPattern("pm-a +127\\.20\\.0\\.10:5060 +UP +2026-11-21 10:00:00 \\(5m ago\\) +3ms")
                .containsPattern("floor-1 +pm-a +pm-b +FALLBACK +3 +2 +0 +0 +0 +1 +0 +primary pm-a DOWN")
                .doesNotContain("REGISTRAR");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void statusAndPhonesShowWhoIsRegisteredWherePhoneManagersHaveARegistrarView() throws Exception {
        daemon.registrarView = true;

        PhonectlRun status = phonectl("status", "--config", config.toString());
        PhonectlRun phones = phonectl("phones", "--config", config.toString());
        PhonectlRun json = phonectl("phones", "--json", "--config", config.toString());

        assertThat(status.out()).containsPattern("PHONEMANAGER +REGISTRAR +READ +CONTACTS +MANAGED PHONES REGISTERED"
                + " +UNKNOWN CONTACTS").containsPattern("pm-b +kamailio-jsonrpc +.*\\(5m ago\\) +12 +10 +2");
        assertThat(phones.out()).contains("REGISTERED AT").containsPattern("127\\.20\\.16\\.1 .* pm-b ")
                .containsPattern("127\\.20\\.16\\.3 .* - ");
        assertThat(AdminJson.mapper().readTree(json.out()).at("/0/registeredAt").asText()).isEqualTo("pm-b");
    }

    @Test
    void statusListsTheClusterNodesAndTheJobEachRuns() throws Exception {
        daemon.nodes = List.of(
                new StatusReport.Node("fb-1", true, FakeAdminOperations.T0.plusSeconds(299), Duration.ofSeconds(1),
                        List.of()),
                new StatusReport.Node("fb-2", false, FakeAdminOperations.T0.plusSeconds(298), Duration.ofSeconds(1),
                        List.of("failover-floor-1")));

        PhonectlRun run = phonectl("status", "--config", config.toString());
        PhonectlRun json = phonectl("status", "--json", "--config", config.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).containsPattern("NODE +LAST CHECK-IN +RUNNING JOBS")
                .containsPattern("fb-1 \\(this node\\) +.*\\(1s ago\\) +-")
                .containsPattern("fb-2 +.*\\(2s ago\\) +failover-floor-1");
        JsonNode status = AdminJson.mapper().readTree(json.out());
        assertThat(status.at("/nodes/1/id").asText()).isEqualTo("fb-2");
        assertThat(status.at("/nodes/1/runningJobs/0").asText()).isEqualTo("failover-floor-1");
    }

    @Test
    void aSingleNodeStatusShowsNoNodeTable() {
        daemon.nodes = List.of(new StatusReport.Node("single-node", true, null, null, List.of()));

        assertThat(phonectl("status", "--config", config.toString()).out()).doesNotContain("LAST CHECK-IN");
    }

    @Test
    void statusWithJsonWritesOnlyJsonOnStdout() throws Exception {
        PhonectlRun run = phonectl("status", "--json", "--config", config.toString());

        assertThat(run.exitCode()).isZero();
        JsonNode status = AdminJson.mapper().readTree(run.out());
        assertThat(status.at("/ranges/0/name").asText()).isEqualTo("floor-1");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void phonesFiltersByStateAndShowsTheLastError() {
        PhonectlRun run = phonectl("phones", "--state", "FAILED", "--config", config.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("127.20.16.3", "HTTP 401 from the phone").doesNotContain("127.20.16.1")
                .contains("1 phone in state FAILED");
        assertThat(daemon.calls).contains("phones null FAILED");
    }

    @Test
    void anUnknownRangeIsAUsageErrorWithAdvice() {
        PhonectlRun run = phonectl("phones", "--range", "floor-9", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no range 'floor-9'", "What to do: phonectl status lists the configured ranges");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void failbackIsRefusedWhileThePrimaryIsDownAndSaysHowToForceIt() {
        daemon.primaryState = HealthState.DOWN;

        PhonectlRun refused = phonectl("failback", "--range", "floor-1", "--config", config.toString());
        PhonectlRun forced = phonectl("failback", "--range", "floor-1", "--force", "--config", config.toString());

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("refused: primary pm-a of range floor-1 is DOWN", "--force");
        assertThat(forced.exitCode()).isZero();
        assertThat(forced.out()).contains("Started failback of floor-1 (job failback-1)");
    }

    @Test
    void failbackDryRunListsWhatWouldChange() {
        PhonectlRun run = phonectl("failback", "--all", "--dry-run", "--config", config.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).containsPattern("127\\.20\\.16\\.1 +floor-1 +127\\.20\\.1\\.10:5060 +127\\.20\\.0\\.10:5060")
                .contains("Dry run: 1 phone would be reprogrammed; nothing was changed.");
    }

    @Test
    void failbackWithWaitShowsProgressThenTheFailedPhonesAndExitsWith1() {
        daemon.jobScripts.put("failback-1", List.of(
                FakeAdminOperations.progress("failback-1", JobKind.FAILBACK, 3, 1, 0, 0, List.of(),
                        JobProgress.Verdict.RUNNING),
                FakeAdminOperations.progress("failback-1", JobKind.FAILBACK, 3, 1, 1, 1, List.of(
                        new PhoneVerdict("127.20.16.2", PhoneVerdict.Outcome.DEFERRED, "in a call for 10m (limit 10m)"),
                        new PhoneVerdict("127.20.16.3", PhoneVerdict.Outcome.FAILED, "HTTP 401 from the phone")),
                        JobProgress.Verdict.PARTLY_FAILED)));

        PhonectlRun run = phonectl("failback", "--range", "floor-1", "--wait", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .contains("failback of floor-1 (job failback-1): 1/3 done, 1 verified, 0 deferred, 0 failed")
                .contains("failback of floor-1 (job failback-1) finished with problems in 12s: 3 of 3 done,"
                        + " 1 verified, 1 deferred, 1 failed")
                .containsPattern("127\\.20\\.16\\.2 +DEFERRED +in a call for 10m")
                .containsPattern("127\\.20\\.16\\.3 +FAILED +HTTP 401 from the phone");
    }

    @Test
    void failoverWithWaitExitsWith0WhenEveryPhoneIsVerified() {
        daemon.jobScripts.put("failover-1", List.of(FakeAdminOperations.progress("failover-1", JobKind.FAILOVER,
                3, 3, 0, 0, List.of(), JobProgress.Verdict.SUCCEEDED)));

        PhonectlRun run = phonectl("failover", "--range", "floor-1", "--wait", "--config", config.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("failover of floor-1 (job failover-1) succeeded in 12s: 3 of 3 done");
    }

    @Test
    void scanOfEveryRangeStartsAJob() {
        PhonectlRun run = phonectl("scan", "--config", config.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Started scan of every range (job scan-1).");
        assertThat(daemon.calls).contains("scan null");
    }

    @Test
    void usageErrorsExitWith2AndTyposGetSuggestions() {
        PhonectlRun typo = phonectl("stauts");
        PhonectlRun neither = phonectl("failback", "--config", config.toString());
        PhonectlRun both = phonectl("failback", "--all", "--range", "floor-1", "--config", config.toString());
        PhonectlRun badState = phonectl("phones", "--state", "ASLEEP", "--config", config.toString());
        PhonectlRun badSince = phonectl("events", "--since", "yesterday", "--config", config.toString());

        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("Did you mean", "status");
        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(neither.err()).contains("--range", "--all");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(badState.exitCode()).isEqualTo(2);
        assertThat(badState.err()).contains("SYNCED");
        assertThat(badSince.exitCode()).isEqualTo(2);
        assertThat(badSince.err()).contains("--since 'yesterday' is neither a duration");
        assertThat(daemon.calls).isEmpty();
    }

    @Test
    void aDaemonThatDoesNotListenEndsWithExit3AndAdvice() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = probe.getLocalPort();
        }
        Path otherConfig = writeConfig(dir.resolve("conf/closed.yaml"), closedPort);

        PhonectlRun run = phonectl("status", "--config", otherConfig.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("the daemon at 127.0.0.1:" + closedPort + " does not answer",
                "systemctl status phonecontroller");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aWrongTokenEndsWithAdviceAboutTheTokenFile() throws IOException {
        Files.writeString(dir.resolve("data/admin.token"), "f".repeat(64));

        PhonectlRun run = phonectl("status", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("refused the admin token from " + dir.resolve("data/admin.token"),
                "run phonectl as the service account or root");
    }

    @Test
    void aMissingTokenFileSaysTheDaemonCreatesItAtItsFirstStart() throws IOException {
        Files.delete(dir.resolve("data/admin.token"));

        PhonectlRun run = phonectl("status", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("does not exist", "at its first start");
    }

    @Test
    void findsTheInstalledConfigurationThroughPhonecontrollerHome() {
        PhonectlRun run = PhonectlRun.run(clock,
                Map.of("PHONECONTROLLER_HOME", dir.toString()), "status", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void eventsSinceADurationAsJson() throws Exception {
        daemon.addEvent(FakeAdminOperations.T0.minusSeconds(3600), "PHONE_MANAGER_DOWN", "floor-1", null, "too old");
        daemon.addEvent(FakeAdminOperations.T0, "FAILOVER_STARTED", "floor-1", null, "primary pm-a DOWN");

        PhonectlRun human = phonectl("events", "--since", "10m", "--config", config.toString());
        PhonectlRun json = phonectl("events", "--since", "10m", "--json", "--config", config.toString());

        assertThat(human.exitCode()).isZero();
        assertThat(human.out()).isEqualTo("2026-11-21 10:00:00  FAILOVER_STARTED range=floor-1  primary pm-a DOWN"
                + System.lineSeparator());
        JsonNode events = AdminJson.mapper().readTree(json.out());
        assertThat(events).hasSize(1);
        assertThat(events.get(0).path("kind").asText()).isEqualTo("FAILOVER_STARTED");
        PhonectlRun onlyDown = phonectl("events", "--since", "2h", "--kind", "phone_manager_down", "--config",
                config.toString());
        assertThat(onlyDown.out()).contains("PHONE_MANAGER_DOWN", "too old").doesNotContain("FAILOVER_STARTED");
    }

    @Test
    void eventsFollowPrintsOneJsonLinePerEventUntilTheDaemonStops() throws Exception {
        daemon.addEvent(FakeAdminOperations.T0, "PHONE_REPROGRAMMED", "floor-1", "127.20.16.1", "now on pm-b");
        StringWriter out = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread follower = Thread.ofVirtual().start(() -> exit.set(PhonectlRun.run(clock,
                Map.of(), out, new StringWriter(), "events", "--since", "10m", "--follow", "--json",
                "--config", config.toString()).exitCode()));
        await().atMost(Duration.ofSeconds(10)).until(() -> out.toString().contains("PHONE_REPROGRAMMED"));

        daemon.addEvent(FakeAdminOperations.T0.plusSeconds(1), "PHONE_FAILED", "floor-1", "127.20.16.3", "timeout");
        await().atMost(Duration.ofSeconds(10)).until(() -> out.toString().contains("PHONE_FAILED"));
        server.close();
        follower.join(Duration.ofSeconds(10));

        assertThat(exit.get()).isZero();
        assertThat(out.toString().lines().map(ClientCommandsTest::kindOf))
                .containsExactly("PHONE_REPROGRAMMED", "PHONE_FAILED");
    }

    private PhonectlRun phonectl(String... args) {
        return PhonectlRun.run(clock, Map.of(), args);
    }

    private static String kindOf(String jsonLine) {
        try {
            return AdminJson.mapper().readTree(jsonLine).path("kind").asText();
        } catch (IOException e) {
            throw new AssertionError("not a JSON line: " + jsonLine, e);
        }
    }

    private static Path writeConfig(Path file, int port) throws IOException {
        return Files.writeString(file, """
                # only the admin section matters to the client commands
                admin:
                  listen: 127.0.0.1:%d
                  tokenFile: ../data/admin.token
                """.formatted(port));
    }
}

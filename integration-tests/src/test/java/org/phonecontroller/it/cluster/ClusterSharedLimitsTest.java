package org.phonecontroller.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.phonecontroller.lab.LabConfigException;
import org.phonecontroller.lab.LabConfigLoader;
import org.phonecontroller.lab.PhoneLab;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one node promises holds for a cluster of two (issue #12, 9): the push rate to a PhoneManager stays within
 * {@code maxPerSecond} while both nodes fail ranges over to it at once (counted where the phones apply the change,
 * by the lab), and {@code phonectl failover --wait} follows a job from either node, whichever node runs it. Two
 * {@code phonectl daemon} processes on one PostgreSQL schema; the lab on 127.64.0.0/16 (no other test uses it).
 */
class ClusterSharedLimitsTest {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterSharedLimitsTest.class);
    private static final String PRIMARY = "127.64.0.10";
    private static final String FALLBACK = "127.64.1.10";
    private static final int PHONES_PER_RANGE = 15;
    private static final int MAX_PER_SECOND = 5;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> RANGES = List.of("desk-1", "desk-2");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path folder;
    ClusterDatabase database;
    PhoneLab lab;
    final List<ClusterNodeProcess> nodes = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (ClusterNodeProcess node : nodes) {
            node.close();
        }
        if (lab != null) {
            lab.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void twoNodesFailingOverToOnePhoneManagerShareItsBudgetAndEitherNodeFollowsEachJob() throws Exception {
        startCluster();
        ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
        try {
            // each node starts the failover of one range; Quartz usually runs a job on the node that scheduled it
            // (the log says where they ran: on one node, this test cannot tell a shared budget from one per node)
            Map<String, CompletableFuture<String>> waits = new TreeMap<>();
            waits.put("desk-1 asked at node 1", failoverAndWait(clients, nodes.get(0), "desk-1"));
            waits.put("desk-2 asked at node 2", failoverAndWait(clients, nodes.get(1), "desk-2"));
            await("both failovers running").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> runningJobs().size() == 2);
            // and each node waits for the job the other node started
            waits.put("desk-1 asked at node 2", failoverAndWait(clients, nodes.get(1), "desk-1"));
            waits.put("desk-2 asked at node 1", failoverAndWait(clients, nodes.get(0), "desk-2"));

            for (var wait : waits.entrySet()) {
                String output = wait.getValue().get(90, TimeUnit.SECONDS);
                assertThat(output).as(wait.getKey()).contains("succeeded")
                        .contains(PHONES_PER_RANGE + " of " + PHONES_PER_RANGE + " done");
            }
        } finally {
            clients.shutdownNow();
        }

        var stats = lab.stats("pm-b");
        LOG.info("config changes per second at pm-b: {}; jobs ran on {}", stats.configChangesPerSecond().stream()
                .map(c -> Long.toString(c[1])).collect(Collectors.joining(" ")), jobNodes());
        int phones = RANGES.size() * PHONES_PER_RANGE;
        assertThat(stats.configChanges()).isEqualTo(phones);
        // The lab counts when a phone applies its change: after the daemon took the token, committed the phone's
        // PUSHING (PostgreSQL, group commit) and sent the HTTP call. On this shared 2-core machine those take up to a
        // few hundred ms more for one phone than for the next, so a second may hold a push of its neighbour (one node
        // alone showed 6 at 5/s here). The budget itself is exact: SharedPushBudgetTest. With a budget per node the
        // lab counted 8 to 12 per second.
        assertThat(stats.maxConfigChangesPerSecond()).as("pushes to pm-b in any second, both nodes together")
                .isLessThanOrEqualTo(MAX_PER_SECOND + 2);
        assertThat(Duration.between(stats.firstConfigChange().orElseThrow(), stats.lastConfigChange().orElseThrow()))
                .as("%d phones at %d/s take about %d s", phones, MAX_PER_SECOND, phones / MAX_PER_SECOND)
                .isGreaterThanOrEqualTo(Duration.ofMillis(1000L * (phones - MAX_PER_SECOND) / MAX_PER_SECOND));
    }

    private static CompletableFuture<String> failoverAndWait(ExecutorService clients, ClusterNodeProcess node,
                                                             String range) {
        return CompletableFuture.supplyAsync(() -> node.phonectl("failover", "--range", range, "--wait"), clients);
    }

    private void startCluster() throws Exception {
        database = ClusterDatabase.create();
        int httpPort = ClusterLab.freeTcpPort();
        lab = startLab(httpPort);
        String yaml = controllerYaml(database.daemonUrl());
        String credentials = "desk: { http: { user: Polycom, password: lab } }\n";
        for (int i = 1; i <= 2; i++) {
            nodes.add(ClusterNodeProcess.start(folder.resolve("node-" + i), yaml, credentials, httpPort));
        }
        int phones = RANGES.size() * PHONES_PER_RANGE;
        await("every phone discovered").atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> {
                    if (database.knownPhones() >= phones) {
                        return true;
                    }
                    if (database.events("SCAN_COMPLETED") > 0) {
                        nodes.get(0).phonectl("scan"); // a cold lab answered the first scan too slowly
                    }
                    return false;
                });
        await("both nodes in the cluster").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> clusterSize() == 2);
        await("the fallback UP for both nodes").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> nodes.stream().allMatch(n -> fallbackUp(n)));
    }

    private static boolean fallbackUp(ClusterNodeProcess node) {
        try {
            for (JsonNode pm : JSON.readTree(node.phonectl("status", "--json")).get("phoneManagers")) {
                if (pm.get("name").asText().equals("pm-b")) {
                    return pm.get("state").asText().equals("UP");
                }
            }
            return false;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private long clusterSize() throws SQLException {
        try (Connection c = database.connect(); var s = c.prepareStatement("SELECT COUNT(*) FROM qrtz_scheduler_state");
             var rows = s.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The failover jobs Quartz executes now. */
    private List<String> runningJobs() throws SQLException {
        List<String> jobs = new ArrayList<>();
        try (Connection c = database.connect(); var s = c.prepareStatement("SELECT job_name FROM qrtz_fired_triggers"
                + " WHERE state = 'EXECUTING' AND job_name LIKE 'failover-%'"); var rows = s.executeQuery()) {
            while (rows.next()) {
                jobs.add(rows.getString(1));
            }
        }
        return jobs;
    }

    /** Which node ran each failover job (the job progress table keeps the latest run of each). */
    private Map<String, String> jobNodes() throws SQLException {
        Map<String, String> nodes = new TreeMap<>();
        try (Connection c = database.connect(); var s = c.prepareStatement("SELECT job, node FROM job_runs"
                + " WHERE job LIKE 'failover-%'"); var rows = s.executeQuery()) {
            while (rows.next()) {
                nodes.put(rows.getString(1), rows.getString(2));
            }
        }
        return nodes;
    }

    private static PhoneLab startLab(int httpPort) throws LabConfigException {
        String yaml = """
                seed: 64
                httpPort: %d
                timers: { registerExpires: 60s, registerTimeout: 2s, startupSpread: 300ms }
                phoneManagers: { pm-a: %s:5060, pm-b: %s:5060 }
                phones:
                  - { addresses: 127.64.16.0/24, count: %d, vendor: polycom-rest, registeredTo: pm-a,
                      http: { user: Polycom, password: lab } }
                  - { addresses: 127.64.17.0/24, count: %d, vendor: polycom-rest, registeredTo: pm-a,
                      http: { user: Polycom, password: lab } }
                """.formatted(httpPort, PRIMARY, FALLBACK, PHONES_PER_RANGE, PHONES_PER_RANGE);
        return PhoneLab.start(new LabConfigLoader().parse("cluster-limits-lab.yaml", yaml));
    }

    /** Planned failovers only: probes patient enough that a busy machine does not fail pm-a over by itself. */
    private static String controllerYaml(String storageUrl) {
        return """
                phoneManagers:
                  pm-a: { address: %s:5060, transport: udp, probe: sip-options }
                  pm-b: { address: %s:5060, transport: udp, probe: sip-options }
                ranges:
                  - { name: desk-1, addresses: [127.64.16.0/24], primary: pm-a, fallback: pm-b,
                      protocols: [polycom-rest], credentials: desk }
                  - { name: desk-2, addresses: [127.64.17.0/24], primary: pm-a, fallback: pm-b,
                      protocols: [polycom-rest], credentials: desk }
                probe:    { interval: 500ms, timeout: 400ms, failuresToDown: 10, successesToUp: 2 }
                failover: { maxInFlight: 16, maxPerSecond: %d, failback: manual }
                scan:     { schedule: "0 0 0 1 1 ? 2099", ratePerSecond: 2000, timeout: 2s, retries: 1 }
                storage:  { url: "%s", clusterCheckinInterval: 1s }
                admin:    { listen: "127.0.0.1:%%ADMIN_PORT%%", tokenFile: data/admin.token }
                credentialsFile: credentials.yaml
                """.formatted(PRIMARY, FALLBACK, MAX_PER_SECOND, storageUrl);
    }
}

package org.phonecontroller.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phonecontroller.lab.PhoneLab;

/**
 * Two {@code phonectl daemon} processes on one PostgreSQL schema against the phone lab: a failover runs once in the
 * cluster, survives the death of the node running it, and a scan schedule fires once per cluster.
 */
class ClusterFailoverTest {

    private static final int PHONES = 120;
    private static final String NEVER = "0 0 0 1 1 ? 2099";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
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

    private void startCluster(int maxPerSecond, String scanSchedule) throws Exception {
        database = ClusterDatabase.create();
        int httpPort = ClusterLab.freeTcpPort();
        lab = ClusterLab.start(httpPort, PHONES);
        String yaml = ClusterLab.controllerYaml(database.daemonUrl(), maxPerSecond, scanSchedule, "1s");
        for (int i = 1; i <= 2; i++) {
            nodes.add(ClusterNodeProcess.start(folder.resolve("node-" + i), yaml, ClusterLab.CREDENTIALS, httpPort));
        }
        await("every phone discovered").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> ClusterLab.discovered(database, nodes.get(0), PHONES));
        await("both nodes in the cluster").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> clusterSize(nodes.get(1)) == 2);
    }

    private static int clusterSize(ClusterNodeProcess node) throws Exception {
        return status(node).get("nodes").size();
    }

    private static JsonNode status(ClusterNodeProcess node) throws Exception {
        return JSON.readTree(node.phonectl("status", "--json"));
    }

    private static String nodeId(ClusterNodeProcess node) throws Exception {
        return status(node).get("controller").get("nodeId").asText();
    }

    @Test
    void twoNodesFailARangeOverExactlyOncePushingEachPhoneOnce() throws Exception {
        startCluster(1000, NEVER);

        lab.killPhoneManager("pm-a");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> ClusterLab.onFallback(lab) == PHONES);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> database.events("FAILOVER_COMPLETED") >= 1);
        assertThat(ClusterLab.changesPerPhone(lab)).as("pushes per phone").hasSize(PHONES)
                .allSatisfy((phone, changes) -> assertThat(changes).as(phone).isEqualTo(1));
        assertThat(database.events("FAILOVER_STARTED")).as("the range flipped once, by one node").isEqualTo(1);
        assertThat(database.events("PHONE_REPROGRAMMED")).isEqualTo(PHONES);
        assertThat(database.events("FAILOVER_COMPLETED")).isEqualTo(1);
        // both nodes tell the same truth
        for (ClusterNodeProcess node : nodes) {
            JsonNode range = status(node).get("ranges").get(0);
            assertThat(range.get("desiredTarget").asText()).isEqualTo("FALLBACK");
            assertThat(range.get("phoneCount").asInt()).isEqualTo(PHONES);
        }
    }

    @Test
    void killingTheNodeThatRunsAFailoverDoesNotStopTheFailover() throws Exception {
        startCluster(10, NEVER); // 120 phones at 10 per second: a failover of about 12 s
        Map<String, ClusterNodeProcess> byId = Map.of(nodeId(nodes.get(0)), nodes.get(0),
                nodeId(nodes.get(1)), nodes.get(1));

        lab.killPhoneManager("pm-a");
        AtomicReference<String> runner = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> {
                    Optional<String> node = runningFailover(nodes.get(0));
                    node.ifPresent(runner::set);
                    return node.isPresent() && ClusterLab.onFallback(lab) >= 20;
                });
        ClusterNodeProcess victim = byId.get(runner.get());
        assertThat(victim).as("the node %s running failover-%s", runner.get(), ClusterLab.RANGE).isNotNull();
        assertThat(database.nodeRunning("failover-" + ClusterLab.RANGE)).contains(runner.get());
        victim.kill();
        int movedBeforeTheKill = ClusterLab.onFallback(lab);
        assertThat(movedBeforeTheKill).isLessThan(PHONES);

        ClusterNodeProcess survivor = nodes.get(0) == victim ? nodes.get(1) : nodes.get(0);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> ClusterLab.onFallback(lab) == PHONES);
        assertThat(ClusterLab.changesPerPhone(lab)).as("pushes per phone").hasSize(PHONES)
                .allSatisfy((phone, changes) -> assertThat(changes).as(phone).isEqualTo(1));
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> database.events("FAILOVER_COMPLETED") >= 1);
        assertThat(database.events("FAILOVER_STARTED")).isEqualTo(1);
        // the survivor no longer lists the dead node once it recovered its jobs
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> clusterSize(survivor) == 1);
        assertThat(status(survivor).get("ranges").get(0).get("phonesByState").get("SYNCED").asInt())
                .isEqualTo(PHONES);
    }

    /** The node {@code phonectl status} shows running {@code failover-<range>}. */
    private static Optional<String> runningFailover(ClusterNodeProcess node) throws Exception {
        for (JsonNode n : status(node).get("nodes")) {
            for (JsonNode job : n.get("runningJobs")) {
                if (job.asText().equals("failover-" + ClusterLab.RANGE)) {
                    return Optional.of(n.get("id").asText());
                }
            }
        }
        return Optional.empty();
    }

    @Test
    void aScanScheduleFiresOncePerClusterNotOncePerNode() throws Exception {
        startCluster(1000, "0/6 * * * * ?");
        // the scans asked for at startup (each node's, and any asked while phones were missing) are over
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> !database.jobStored("scan-" + ClusterLab.RANGE));
        long scansAtStart = database.events("SCAN_STARTED");
        // from 3 s after one fire time to 3 s after the third one after it: exactly three fire times
        long now = System.currentTimeMillis();
        long from = (now / 6000 + 1) * 6000 + 3000;
        long to = from + 18_000;
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500))
                .until(() -> System.currentTimeMillis() > to + 2000);

        List<Long> inWindow = database.eventTimes("SCAN_STARTED").stream().filter(t -> t >= from && t < to)
                .toList();
        assertThat(database.events("SCAN_STARTED")).isGreaterThan(scansAtStart);
        assertThat(inWindow).as("scans started between %d and %d", from, to).hasSize(3);
    }
}

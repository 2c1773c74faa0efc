package org.phonecontroller.daemon.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.phonecontroller.daemon.storage.Database;
import org.phonecontroller.daemon.testing.TestDatabases;

/**
 * Cluster mode: a job's progress is in the database, so a node that does not run the job answers for it ({@code
 * phonectl failover --wait} against any node). Two nodes are two connection pools on one PostgreSQL schema.
 */
class JobProgressAcrossNodesTest {

    static final String SCHEMA = TestDatabases.newSchemaName();
    static final String JOB = "failover-floor-1";
    static Database databaseA;
    static Database databaseB;
    JobTracker nodeA;
    JobTracker nodeB;

    @BeforeAll
    static void open() {
        databaseA = TestDatabases.postgres(SCHEMA);
        databaseB = TestDatabases.postgres(SCHEMA);
    }

    @AfterAll
    static void close() {
        for (Database database : new Database[] {databaseA, databaseB}) {
            if (database != null) {
                database.close();
            }
        }
        TestDatabases.dropPostgresSchema(SCHEMA);
    }

    @BeforeEach
    void twoNodes() {
        for (String table : List.of("job_run_problems", "job_runs", "qrtz_scheduler_state")) {
            databaseA.jdbc().update("DELETE FROM " + table);
        }
        nodeA = new JobTracker(databaseA.jdbc(), "node-a");
        nodeB = new JobTracker(databaseB.jdbc(), "node-b");
        checkIn("node-a");
        checkIn("node-b");
    }

    @AfterEach
    void stopNodes() {
        nodeA.close();
        nodeB.close();
    }

    /** The node is in Quartz's cluster table, as a live node is. */
    static void checkIn(String node) {
        databaseA.jdbc().update("INSERT INTO qrtz_scheduler_state (sched_name, instance_name, last_checkin_time,"
                + " checkin_interval) VALUES ('PhoneController', ?, ?, 7500)", node, System.currentTimeMillis());
    }

    @Test
    void theOtherNodeFollowsARunningJobAndSeesItsEnd() {
        assertThat(nodeB.latest(JOB)).as("before any run").isEmpty();
        JobTracker.Run run = nodeA.start(JOB, Instant.now());
        run.total.set(3);
        run.verified.incrementAndGet();
        run.done.incrementAndGet();
        run.solved("127.64.16.1");
        run.problem(new JobTracker.Problem("127.64.16.2", false, "in a call"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(nodeB.latest(JOB)).hasValueSatisfying(
                seen -> {
                    assertThat(seen.finishedAt()).as("still running").isNull();
                    assertThat(seen.total()).isEqualTo(3);
                    assertThat(seen.done()).isEqualTo(1);
                    assertThat(seen.deferred()).isEqualTo(1);
                }));

        run.solved("127.64.16.2");
        run.verified.incrementAndGet();
        run.done.incrementAndGet();
        run.failed.incrementAndGet();
        run.done.incrementAndGet();
        run.problem(new JobTracker.Problem("127.64.16.3", true, "SNMP timeout after 3 attempts"));
        nodeA.finish(run, Instant.now());

        // the end is written before the job leaves the scheduler: no delay for a waiter on another node
        JobTracker.Run seen = nodeB.latest(JOB).orElseThrow();
        assertThat(seen.finishedAt()).isNotNull();
        assertThat(seen.failure()).isNull();
        assertThat(List.of(seen.total(), seen.done(), (long) seen.verified(), (long) seen.failed()))
                .containsExactly(3L, 3L, 2L, 1L);
        assertThat(seen.problems()).containsExactly(
                new JobTracker.Problem("127.64.16.3", true, "SNMP timeout after 3 attempts"));
    }

    @Test
    void aNewRunReplacesThePreviousOneEvenIfTheOldOneStillWrites() {
        JobTracker.Run first = nodeA.start(JOB, Instant.now());
        first.problem(new JobTracker.Problem("127.64.16.9", true, "refused"));
        JobTracker.Run second = nodeB.start(JOB, Instant.now());
        first.total.set(99);
        nodeA.finish(first, Instant.now()); // late: its node had not noticed the job moved

        JobTracker.Run seen = nodeA.latest(JOB).orElseThrow();
        assertThat(seen.finishedAt()).as("the second run goes on").isNull();
        assertThat(seen.total()).isZero();
        assertThat(seen.problems()).isEmpty();
        nodeB.finish(second, Instant.now());
        assertThat(nodeA.latest(JOB).orElseThrow().finishedAt()).isNotNull();
    }

    @Test
    void aRunWhoseNodeLeftTheClusterEndsAsFailed() {
        nodeA.start(JOB, Instant.now());
        // node-a died: another node recovered its jobs, and Quartz removed its row
        databaseA.jdbc().update("DELETE FROM qrtz_scheduler_state WHERE instance_name = 'node-a'");

        JobTracker.Run seen = nodeB.latest(JOB).orElseThrow();
        assertThat(seen.finishedAt()).isNotNull();
        assertThat(seen.failure()).isEqualTo("node node-a stopped while running it");
    }

    @Test
    void aRunThisNodeNoLongerRunsEndsAsFailedAfterARestart() {
        nodeA.start(JOB, Instant.now());
        nodeA.close();
        JobTracker restarted = new JobTracker(databaseA.jdbc(), "node-a");
        try {
            assertThat(restarted.latest(JOB).orElseThrow().failure()).contains("stopped while running it");
        } finally {
            restarted.close();
        }
    }
}

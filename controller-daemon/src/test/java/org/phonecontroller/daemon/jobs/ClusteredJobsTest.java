package org.phonecontroller.daemon.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phonecontroller.daemon.discovery.DiscoveryService;
import org.phonecontroller.daemon.failover.DesiredTargets;
import org.phonecontroller.daemon.failover.FailoverReconciler;
import org.phonecontroller.daemon.failover.RangePlan;
import org.phonecontroller.daemon.storage.Database;
import org.phonecontroller.daemon.storage.Dialect;
import org.phonecontroller.daemon.testing.TestDatabases;

/** The job store in cluster mode (PostgreSQL): what every node may do at the same time without harm. */
class ClusteredJobsTest {

    static final String SCHEMA = TestDatabases.newSchemaName();
    static final String NEVER = "0 0 0 1 1 ? 2099";
    static Database database;

    /** No job runs in these tests: the scheduler is not started, or has nothing due. */
    static final JobServices NO_SERVICES = new JobServices() {
        @Override
        public Optional<RangePlan> plan(String range) {
            return Optional.empty();
        }

        @Override
        public Collection<RangePlan> plans() {
            return List.of();
        }

        @Override
        public FailoverReconciler reconciler() {
            throw new UnsupportedOperationException();
        }

        @Override
        public DiscoveryService discovery() {
            throw new UnsupportedOperationException();
        }

        @Override
        public DesiredTargets targets() {
            throw new UnsupportedOperationException();
        }
    };

    @BeforeAll
    static void open() {
        database = TestDatabases.postgres(SCHEMA);
    }

    @AfterAll
    static void close() {
        if (database != null) {
            database.close();
        }
        TestDatabases.dropPostgresSchema(SCHEMA);
    }

    @BeforeEach
    void emptyJobStore() {
        for (String table : List.of("qrtz_fired_triggers", "qrtz_cron_triggers", "qrtz_simple_triggers",
                "qrtz_triggers", "qrtz_job_details", "qrtz_scheduler_state", "qrtz_locks")) {
            database.jdbc().update("DELETE FROM " + table);
        }
    }

    private Jobs clustered() {
        return Jobs.create(database.dataSource(), Dialect.POSTGRESQL, Jobs.Mode.CLUSTERED, Duration.ofSeconds(1),
                NO_SERVICES);
    }

    @Test
    void askingForTheSameFailoverTwiceStoresOneJob() {
        try (Jobs jobs = clustered()) {
            assertThat(jobs.reconcile("floor-1")).isEqualTo("failover-floor-1");
            assertThat(jobs.reconcile("floor-1")).isEqualTo("failover-floor-1");

            assertThat(count("SELECT COUNT(*) FROM qrtz_job_details WHERE job_name = 'failover-floor-1'"))
                    .isEqualTo(1);
            assertThat(jobs.pending("failover-floor-1")).isTrue();
        }
    }

    @Test
    void aNodeStartingWithTheSameScanScheduleKeepsTheStoredTrigger() {
        try (Jobs jobs = clustered()) {
            jobs.scheduleScans("0 0 3 * * ?");
            long stored = count("SELECT start_time FROM qrtz_triggers WHERE trigger_name = 'scan-schedule'");
            // a replaced trigger would start later than the stored one
            await().atMost(Duration.ofSeconds(1)).until(() -> System.currentTimeMillis() > stored);
            jobs.scheduleScans("0 0 3 * * ?");

            assertThat(count("SELECT start_time FROM qrtz_triggers WHERE trigger_name = 'scan-schedule'"))
                    .isEqualTo(stored);
            jobs.scheduleScans("0 0 4 * * ?");
            assertThat(database.jdbc().queryOne("SELECT cron_expression FROM qrtz_cron_triggers", r -> r.getString(1)))
                    .contains("0 0 4 * * ?");
            assertThat(count("SELECT COUNT(*) FROM qrtz_triggers")).isEqualTo(1);
        }
    }

    @Test
    void listsEveryNodeWithItsCheckInAndTheJobsItRuns() {
        long now = System.currentTimeMillis();
        database.jdbc().update("INSERT INTO qrtz_scheduler_state (sched_name, instance_name, last_checkin_time,"
                + " checkin_interval) VALUES ('PhoneController', 'other-node', ?, 600000)", now);
        database.jdbc().update("INSERT INTO qrtz_fired_triggers (sched_name, entry_id, trigger_name, trigger_group,"
                + " instance_name, fired_time, sched_time, priority, state, job_name, job_group, is_nonconcurrent,"
                + " requests_recovery) VALUES ('PhoneController', 'e1', 'failover-floor-1', 'phonecontroller',"
                + " 'other-node', ?, ?, 5, 'EXECUTING', 'failover-floor-1', 'phonecontroller', true, true)", now, now);
        try (Jobs jobs = clustered()) {
            jobs.scheduleScans(NEVER);
            jobs.start();

            List<ClusterNode> nodes = new ClusterNodes(database.jdbc(), jobs.instanceId()).nodes();

            assertThat(nodes).extracting(ClusterNode::id).containsExactly(jobs.instanceId(), "other-node");
            assertThat(nodes.get(0).self()).isTrue();
            assertThat(nodes.get(0).lastCheckin()).isNotNull();
            assertThat(nodes.get(0).checkinInterval()).isEqualTo(Duration.ofSeconds(1));
            assertThat(nodes.get(1).runningJobs()).containsExactly("failover-floor-1");
        }
    }

    @Test
    void clusterModeNeedsPostgres(@TempDir Path folder) {
        try (Database h2 = TestDatabases.h2(folder)) {
            assertThatThrownBy(() -> Jobs.create(h2.dataSource(), Dialect.H2, Jobs.Mode.CLUSTERED,
                    Duration.ofSeconds(1), NO_SERVICES)).hasMessageContaining("cluster mode needs PostgreSQL");
        }
    }

    private static long count(String sql) {
        return database.jdbc().queryOne(sql, r -> r.getLong(1)).orElseThrow();
    }
}

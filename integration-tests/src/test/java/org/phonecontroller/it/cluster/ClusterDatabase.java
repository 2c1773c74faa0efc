package org.phonecontroller.it.cluster;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The PostgreSQL the cluster tests share: a Testcontainers PostgreSQL (one per test JVM) where a Docker engine
 * answers, otherwise {@code PHONECONTROLLER_TEST_PG_URL} (the test command sets it and starts the local server). Each
 * test gets its own schema ({@code currentSchema=} in the URL the daemons use), dropped
 * afterwards, so tests running at the same time never see each other's rows. Without a database the tests are
 * skipped, except under {@code CI=true}, where they fail.
 */
final class ClusterDatabase implements AutoCloseable {

    static final String PG_URL_VARIABLE = "PHONECONTROLLER_TEST_PG_URL";

    private final String baseUrl;
    private final String schema;

    private ClusterDatabase(String baseUrl, String schema) {
        this.baseUrl = baseUrl;
        this.schema = schema;
    }

    /** Creates a fresh schema on the test PostgreSQL. */
    static ClusterDatabase create() {
        String url = PostgresContainer.url().orElseGet(() -> System.getenv(PG_URL_VARIABLE));
        if (url == null || url.isBlank()) {
            unavailable("no Docker engine for Testcontainers and " + PG_URL_VARIABLE + " is not set");
        }
        String schema = "pc_cluster_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT);
        try (Connection connection = DriverManager.getConnection(url);
             var statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            unavailable("PostgreSQL at " + url + " is not reachable: " + e.getMessage());
        }
        return new ClusterDatabase(url, schema);
    }

    private static void unavailable(String why) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("cluster tests cannot run under CI: " + why);
        }
        assumeTrue(false, "cluster tests skipped: " + why);
    }

    /** The URL the daemons are configured with: the test's schema is their current schema. */
    String daemonUrl() {
        return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(daemonUrl());
    }

    /** How many events of a kind the cluster recorded (every node writes to the same events table). */
    long events(String kind) throws SQLException {
        try (Connection c = connect(); var s = c.prepareStatement("SELECT COUNT(*) FROM events WHERE kind = ?")) {
            s.setString(1, kind);
            try (var rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** How many phones the inventory knows. */
    long knownPhones() throws SQLException {
        try (Connection c = connect(); var s = c.prepareStatement("SELECT COUNT(*) FROM phones");
             var rows = s.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** When each event of a kind happened (epoch milliseconds), oldest first. */
    List<Long> eventTimes(String kind) throws SQLException {
        try (Connection c = connect();
             var s = c.prepareStatement("SELECT ts FROM events WHERE kind = ? ORDER BY ts")) {
            s.setString(1, kind);
            List<Long> times = new ArrayList<>();
            try (var rows = s.executeQuery()) {
                while (rows.next()) {
                    times.add(rows.getTimestamp(1).getTime());
                }
            }
            return times;
        }
    }

    /** Whether Quartz stores a job of that name (it waits or runs; a one-shot job is removed when it ends). */
    boolean jobStored(String job) throws SQLException {
        try (Connection c = connect();
             var s = c.prepareStatement("SELECT COUNT(*) FROM qrtz_job_details WHERE job_name = ?")) {
            s.setString(1, job);
            try (var rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1) > 0;
            }
        }
    }

    /** The node Quartz says runs a job now, if any (from QRTZ_FIRED_TRIGGERS). */
    java.util.Optional<String> nodeRunning(String job) throws SQLException {
        try (Connection c = connect(); var s = c.prepareStatement("SELECT instance_name FROM qrtz_fired_triggers"
                + " WHERE job_name = ? AND state = 'EXECUTING'")) {
            s.setString(1, job);
            try (var rows = s.executeQuery()) {
                return rows.next() ? java.util.Optional.of(rows.getString(1)) : java.util.Optional.empty();
            }
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = DriverManager.getConnection(baseUrl);
             var statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}

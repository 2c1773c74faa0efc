package org.phonecontroller.daemon.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;
import org.phonecontroller.daemon.storage.Database;
import org.phonecontroller.daemon.storage.DatabaseSettings;

/**
 * The databases the inventory tests run on: an H2 file in a temporary folder, and PostgreSQL when
 * {@code PHONECONTROLLER_TEST_PG_URL} names one (a fresh schema per use, dropped by {@link #dropPostgresSchema}).
 * With {@code CI=true}, a missing or unreachable PostgreSQL fails the test instead of skipping it.
 */
public final class TestDatabases {

    public static final String PG_URL_VARIABLE = "PHONECONTROLLER_TEST_PG_URL";

    private TestDatabases() {
    }

    public static Database h2(Path folder) {
        return Database.open(DatabaseSettings.of("jdbc:h2:file:" + folder.resolve("inventory").toAbsolutePath()));
    }

    /** A new schema name for one test class's run. */
    public static String newSchemaName() {
        return "pc_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    }

    /** Opens PostgreSQL in {@code schema}; skips (or fails under CI) when none is configured or reachable. */
    public static Database postgres(String schema) {
        String url = postgresUrl();
        try (var connection = DriverManager.getConnection(url)) {
            connection.isValid(2);
        } catch (SQLException e) {
            unavailable("PostgreSQL at " + url + " is not reachable: " + e.getMessage());
        }
        return Database.open(DatabaseSettings.of(url).withSchema(schema));
    }

    public static void dropPostgresSchema(String schema) {
        String url = System.getenv(PG_URL_VARIABLE);
        if (url == null || url.isBlank()) {
            return;
        }
        try (var connection = DriverManager.getConnection(url); var statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test schema " + schema + ": " + e.getMessage(), e);
        }
    }

    private static String postgresUrl() {
        String url = System.getenv(PG_URL_VARIABLE);
        if (url == null || url.isBlank()) {
            unavailable(PG_URL_VARIABLE + " is not set");
        }
        return url;
    }

    private static void unavailable(String why) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("PostgreSQL tests cannot run under CI: " + why);
        }
        assumeTrue(false, "PostgreSQL tests skipped: " + why);
    }
}

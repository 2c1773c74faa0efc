package org.phonecontroller.daemon.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phonecontroller.daemon.testing.TestDatabases;

class DatabaseTest {

    @TempDir
    Path folder;

    @Test
    void createsTheInventoryAndQuartzTablesOnAFreshH2File() {
        try (Database database = TestDatabases.h2(folder)) {
            var tables = database.jdbc().query("SELECT LOWER(table_name) FROM information_schema.tables"
                    + " WHERE LOWER(table_schema) = 'public'", row -> row.getString(1));
            assertThat(tables).contains("phones", "ranges", "phone_managers", "events", "qrtz_job_details",
                    "qrtz_triggers", "qrtz_locks");
            assertThat(database.dialect()).isEqualTo(Dialect.H2);
        }
    }

    @Test
    void refusesASecondDaemonOnTheSameH2FileWithAClearMessage() {
        String url = "jdbc:h2:file:" + folder.resolve("inventory").toAbsolutePath() + ";WRITE_DELAY=0";
        try (InstanceLock first = InstanceLock.acquire(url).orElseThrow()) {
            assertThat(first.file()).hasFileName("inventory.daemon.lock");
            assertThatThrownBy(() -> InstanceLock.acquire(url))
                    .isInstanceOf(StorageLockedException.class)
                    .hasMessageContaining("another phonectl daemon already runs on this inventory");
        }
        InstanceLock.acquire(url).orElseThrow().close();
    }

    @Test
    void needsNoInstanceLockForPostgresqlOrInMemoryH2() {
        assertThat(InstanceLock.acquire("jdbc:postgresql://127.0.0.1:5432/test")).isEmpty();
        assertThat(InstanceLock.acquire("jdbc:h2:mem:x")).isEmpty();
    }

    @Test
    void reopensAnExistingFileWithoutMigratingTwice() {
        try (Database first = TestDatabases.h2(folder)) {
            first.jdbc().update("INSERT INTO ranges (name, desired_target, reason, planned, changed_at)"
                    + " VALUES ('r', 'FALLBACK', 'test', FALSE, CURRENT_TIMESTAMP)");
        }
        try (Database again = TestDatabases.h2(folder)) {
            assertThat(again.jdbc().query("SELECT desired_target FROM ranges", row -> row.getString(1)))
                    .containsExactly("FALLBACK");
        }
    }

    @Test
    void theShippedVersionsAreTheMigrationFilesOfEachDialect() throws Exception {
        for (Dialect dialect : Dialect.values()) {
            java.util.Set<String> files = new java.util.TreeSet<>();
            for (String folder : java.util.List.of("common", dialect.migrationFolder())) {
                Path dir = Path.of(Database.class.getResource("/db/migration/" + folder).toURI());
                try (var names = java.nio.file.Files.list(dir)) {
                    names.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                            .forEach(n -> files.add(n.substring(1, n.indexOf("__"))));
                }
            }
            assertThat(Database.SHIPPED_VERSIONS.get(dialect)).as(dialect.name())
                    .containsExactlyInAnyOrderElementsOf(files);
        }
    }

    @Test
    void aRestartOnTheCurrentSchemaSkipsFlywayAndAnythingElseLeavesItToFlyway() {
        try (Database first = TestDatabases.h2(folder)) {
            assertThat(Database.schemaIsCurrent(first.dataSource(), Dialect.H2)).isTrue();
            assertThat(Database.schemaIsCurrent(first.dataSource(), Dialect.POSTGRESQL)).as("other versions")
                    .isFalse();
            // a version this build does not know (a newer daemon ran on this inventory)
            first.jdbc().update("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\","
                    + " \"description\", \"type\", \"script\", \"installed_by\", \"execution_time\","
                    + " \"success\") VALUES (99, '99', 'newer', 'SQL', 'V99__newer.sql', 'test', 0, TRUE)");
            assertThat(Database.schemaIsCurrent(first.dataSource(), Dialect.H2)).isFalse();
        }
        // Flyway (not the shortcut) opens it: it ignores a future version, as before the shortcut
        try (Database again = TestDatabases.h2(folder)) {
            assertThat(Database.schemaIsCurrent(again.dataSource(), Dialect.H2)).isFalse();
        }
    }

    @Test
    void aFreshDatabaseHasNoHistoryAndIsMigrated() throws Exception {
        var fresh = new org.h2.jdbcx.JdbcDataSource();
        fresh.setURL("jdbc:h2:mem:fresh-" + System.nanoTime());
        assertThat(Database.schemaIsCurrent(fresh, Dialect.H2)).isFalse();
    }

    @Test
    void rejectsAnUnsupportedUrlAndHidesItsPassword() {
        assertThatThrownBy(() -> Dialect.of("jdbc:mysql://db/x?password=secret"))
                .hasMessageContaining("password=***")
                .hasMessageNotContaining("secret");
    }
}

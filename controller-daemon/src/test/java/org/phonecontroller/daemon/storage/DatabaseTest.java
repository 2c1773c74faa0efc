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
    void rejectsAnUnsupportedUrlAndHidesItsPassword() {
        assertThatThrownBy(() -> Dialect.of("jdbc:mysql://db/x?password=secret"))
                .hasMessageContaining("password=***")
                .hasMessageNotContaining("secret");
    }
}

package org.phonecontroller.daemon.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phonecontroller.daemon.testing.TestDatabases;

class GroupCommitTest {

    @TempDir
    Path folder;

    @Test
    void commitsEveryConcurrentWriteAndReturnsEachItsOwnRowCount() throws Exception {
        try (Database database = TestDatabases.h2(folder)) {
            Jdbc jdbc = database.jdbc();
            int writers = 300;
            List<Future<Integer>> inserts = new ArrayList<>();
            try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < writers; i++) {
                    String name = "r" + i;
                    inserts.add(threads.submit(() -> jdbc.updateInGroup("INSERT INTO ranges (name, desired_target,"
                            + " reason, planned, changed_at) VALUES (?, 'PRIMARY', 'test', FALSE, CURRENT_TIMESTAMP)",
                            name)));
                }
            }
            for (Future<Integer> insert : inserts) {
                assertThat(insert.get()).isEqualTo(1);
            }
            // a conditional write that matches nothing says so, even when it shares a transaction with others
            List<Future<Integer>> updates = new ArrayList<>();
            try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < writers; i++) {
                    String name = i % 2 == 0 ? "r" + i : "missing" + i;
                    updates.add(threads.submit(() -> jdbc.updateInGroup(
                            "UPDATE ranges SET desired_target = 'FALLBACK' WHERE name = ?", name)));
                }
            }
            for (int i = 0; i < writers; i++) {
                assertThat(updates.get(i).get()).as("write %d", i).isEqualTo(i % 2 == 0 ? 1 : 0);
            }
            assertThat(jdbc.queryOne("SELECT COUNT(*) FROM ranges WHERE desired_target = 'FALLBACK'",
                    row -> row.getInt(1))).contains(writers / 2);
        }
    }

    @Test
    void aFailingWriteFailsAloneAndTheOthersOfItsGroupAreKept() throws Exception {
        try (Database database = TestDatabases.h2(folder)) {
            Jdbc jdbc = database.jdbc();
            String insert = "INSERT INTO ranges (name, desired_target, reason, planned, changed_at)"
                    + " VALUES (?, 'PRIMARY', 'test', FALSE, CURRENT_TIMESTAMP)";
            jdbc.update(insert, "taken");
            var failures = ConcurrentHashMap.<String>newKeySet();
            try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 200; i++) {
                    String name = i % 50 == 0 ? "taken" : "ok" + i; // four duplicate keys among them
                    threads.submit(() -> {
                        try {
                            jdbc.updateInGroup(insert, name);
                        } catch (StorageException e) {
                            assertThat(Jdbc.isDuplicateKey(e)).as(e.toString()).isTrue();
                            failures.add(name + "#" + Thread.currentThread().threadId());
                        }
                    });
                }
            }
            assertThat(failures).hasSize(4);
            assertThat(jdbc.queryOne("SELECT COUNT(*) FROM ranges", row -> row.getInt(1))).contains(1 + 196);
        }
    }

    @Test
    void aWriteTheDatabaseNeverCommitsFailsAfterTheWriteTimeoutInsteadOfWaitingForever() throws Exception {
        try (Database database = TestDatabases.h2(folder)) {
            var stuck = new CountDownLatch(1);
            DataSource hanging = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                        if (method.getName().equals("getConnection")) {
                            stuck.await(); // a database that no longer answers
                        }
                        return method.invoke(database.dataSource(), args);
                    });
            var group = new GroupCommit(hanging, "stuck-writer", Duration.ofMillis(200));
            try (var caller = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<Integer> write = caller.submit(() -> group.update("DELETE FROM ranges"));
                await().atMost(Duration.ofSeconds(10)).until(write::isDone);
                assertThatThrownBy(write::get).hasCauseInstanceOf(StorageException.class)
                        .hasMessageContaining("did not commit").hasMessageContaining("200 ms");
            } finally {
                stuck.countDown();
                group.close();
            }
        }
    }

    @Test
    void submittedWritesAreCommittedWithoutTheirCallerWaitingAndAwaitSubmittedSeesThemAll() throws Exception {
        try (Database database = TestDatabases.h2(folder)) {
            Jdbc jdbc = database.jdbc();
            int writes = 1000;
            List<java.util.concurrent.CompletableFuture<Integer>> submitted = new ArrayList<>();
            for (int i = 0; i < writes; i++) {
                submitted.add(jdbc.submitInGroup("INSERT INTO events (ts, kind, range_name, phone, phone_manager,"
                        + " detail) VALUES (CURRENT_TIMESTAMP, 'PHONE_REPROGRAMMED', 'r', ?, 'pm-b', 'x')", "p" + i));
            }
            jdbc.awaitSubmitted();
            assertThat(submitted).allSatisfy(f -> assertThat(f).isCompletedWithValue(1));
            // one writer, in arrival order: the rows' ids follow the order of submission
            assertThat(jdbc.query("SELECT phone FROM events ORDER BY id", row -> row.getString(1)))
                    .hasSize(writes).first().isEqualTo("p0");
            assertThat(jdbc.query("SELECT phone FROM events ORDER BY id DESC FETCH FIRST 1 ROWS ONLY",
                    row -> row.getString(1))).containsExactly("p" + (writes - 1));
        }
    }

    @Test
    void aSubmittedWriteThatFailsFailsOnlyItsOwnFuture() throws Exception {
        try (Database database = TestDatabases.h2(folder)) {
            Jdbc jdbc = database.jdbc();
            String insert = "INSERT INTO ranges (name, desired_target, reason, planned, changed_at)"
                    + " VALUES (?, 'PRIMARY', 'test', FALSE, CURRENT_TIMESTAMP)";
            var first = jdbc.submitInGroup(insert, "a");
            var duplicate = jdbc.submitInGroup(insert, "a");
            var other = jdbc.submitInGroup(insert, "b");
            jdbc.awaitSubmitted();
            assertThat(first).isCompletedWithValue(1);
            assertThat(other).isCompletedWithValue(1);
            assertThat(duplicate).isCompletedExceptionally();
            assertThatThrownBy(duplicate::join).hasCauseInstanceOf(StorageException.class);
            assertThat(jdbc.query("SELECT name FROM ranges ORDER BY name", row -> row.getString(1)))
                    .containsExactly("a", "b");
        }
    }

    @Test
    void aWriteSubmittedAfterCloseIsAFailedFutureNotAnException() {
        try (Database database = TestDatabases.h2(folder)) {
            var group = new GroupCommit(database.dataSource(), "test-writer");
            var jdbc = new Jdbc(database.dataSource(), group);
            group.close();
            assertThat(jdbc.submitInGroup("DELETE FROM ranges")).isCompletedExceptionally();
            assertThatThrownBy(jdbc::awaitSubmitted).isInstanceOf(StorageException.class)
                    .hasMessageContaining("closed");
        }
    }

    @Test
    void refusesWritesOnceClosedAndFinishesThoseQueuedBefore() {
        try (Database database = TestDatabases.h2(folder)) {
            var group = new GroupCommit(database.dataSource(), "test-writer");
            var jdbc = new Jdbc(database.dataSource(), group);
            assertThat(jdbc.updateInGroup("INSERT INTO ranges (name, desired_target, reason, planned, changed_at)"
                    + " VALUES ('a', 'PRIMARY', 'test', FALSE, CURRENT_TIMESTAMP)")).isEqualTo(1);
            group.close();
            assertThatThrownBy(() -> jdbc.updateInGroup("DELETE FROM ranges"))
                    .isInstanceOf(StorageException.class).hasMessageContaining("closed");
            assertThat(jdbc.query("SELECT name FROM ranges", row -> row.getString(1))).containsExactly("a");
        }
    }

    @Test
    void insideATransactionItIsAPlainWriteOfThatTransaction() {
        try (Database database = TestDatabases.h2(folder)) {
            Jdbc jdbc = database.jdbc();
            assertThatThrownBy(() -> jdbc.inTransaction(tx -> {
                tx.updateInGroup("INSERT INTO ranges (name, desired_target, reason, planned, changed_at)"
                        + " VALUES ('rolled-back', 'PRIMARY', 'test', FALSE, CURRENT_TIMESTAMP)");
                throw new IllegalStateException("abort");
            })).hasMessage("abort");
            assertThat(jdbc.query("SELECT name FROM ranges", row -> row.getString(1))).isEmpty();
        }
    }
}

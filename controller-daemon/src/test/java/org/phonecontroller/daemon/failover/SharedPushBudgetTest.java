package org.phonecontroller.daemon.failover;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phonecontroller.daemon.storage.Database;
import org.phonecontroller.daemon.testing.TestDatabases;

/**
 * Cluster mode: two nodes (two connection pools on one PostgreSQL schema) pushing to one PhoneManager at the same
 * time stay within its {@code maxPerSecond} together. Two local throttles would allow twice the rate.
 */
class SharedPushBudgetTest {

    static final String SCHEMA = TestDatabases.newSchemaName();
    static final int MAX_PER_SECOND = 20;
    static Database nodeA;
    static Database nodeB;

    @BeforeAll
    static void open() {
        nodeA = TestDatabases.postgres(SCHEMA);
        nodeB = TestDatabases.postgres(SCHEMA);
    }

    @AfterAll
    static void close() {
        for (Database database : new Database[] {nodeA, nodeB}) {
            if (database != null) {
                database.close();
            }
        }
        TestDatabases.dropPostgresSchema(SCHEMA);
    }

    @Test
    void twoNodesShareOneBudgetPerPhoneManager() throws Exception {
        List<Long> pushes = pushFromBothNodes("pm-shared", PushBudget.shared(nodeA.dataSource(), MAX_PER_SECOND),
                PushBudget.shared(nodeB.dataSource(), MAX_PER_SECOND), 30);

        assertThat(pushes).hasSize(60);
        // a token is counted when its thread wakes up, which on a busy machine may be a little after its slot, and
        // a node counts a reservation from when the database answered (late, never early): a second may hold one
        // push of the next. Two budgets of 20/s (one per node) let through about 40.
        assertThat(perSecond(pushes).values()).as("pushes per second window at pm-shared")
                .allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(MAX_PER_SECOND + 1));
        // 60 pushes one slot (1/20 s) apart: the first and the last are 59 slots apart; a loaded CI machine once
        // showed 2,919 ms for 2,950 (the first push's timestamp taken late), so one slot of slack — two budgets of
        // one node each would take half the time
        assertThat(Duration.ofMillis(pushes.getLast() - pushes.getFirst()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(58 * 1000 / MAX_PER_SECOND - 10));
    }

    @Test
    void reservesSeveralSlotsPerDatabaseRoundTripAtHighRates() {
        assertThat(new SharedPushBudget(nodeA.dataSource(), 10).batchSize()).isEqualTo(1);
        assertThat(new SharedPushBudget(nodeA.dataSource(), 100).batchSize()).isEqualTo(10);
        assertThat(new SharedPushBudget(nodeA.dataSource(), 5000).batchSize()).isEqualTo(SharedPushBudget.MAX_BATCH);
    }

    /** Each node pushes {@code perNode} phones from 8 threads at once; returns when each push was let through. */
    static List<Long> pushFromBothNodes(String phoneManager, PushBudget a, PushBudget b, int perNode)
            throws Exception {
        ConcurrentLinkedQueue<Long> times = new ConcurrentLinkedQueue<>();
        List<Future<?>> workers = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (PushBudget node : List.of(a, b)) {
                AtomicInteger left = new AtomicInteger(perNode);
                for (int i = 0; i < 8; i++) {
                    workers.add(threads.submit(() -> {
                        while (left.getAndDecrement() > 0) {
                            node.acquire(phoneManager);
                            times.add(System.currentTimeMillis());
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        return times.stream().sorted().toList();
    }

    /** Pushes per wall-clock second (as the lab counts them at a PhoneManager). */
    static Map<Long, Integer> perSecond(List<Long> times) {
        Map<Long, Integer> counts = new TreeMap<>();
        times.forEach(t -> counts.merge(t / 1000, 1, Integer::sum));
        return counts;
    }
}

package org.phonecontroller.daemon.failover;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * The {@link PushBudget} of a cluster: one Bucket4j bucket per target PhoneManager in PostgreSQL
 * ({@code push_budget}), which every node draws from, so N nodes push at most {@code maxPerSecond} per second to one
 * PhoneManager together, not N times that.
 *
 * <p>The bucket holds a single token refilled greedily (as {@link PushThrottle}): every token is a slot 1/maxPerSecond
 * after the previous one, cluster-wide. To spare a database transaction per phone, a node reserves a few slots at
 * once ({@code consumeIgnoringRateLimits(k)}: the bucket goes into debt and says when the last of the k tokens is
 * due) and hands them out in order, each one waited for until its time. A batch covers at most {@link #BATCH_SPAN}
 * of the budget, so a run that ends leaves at most that much of it unused.
 */
final class SharedPushBudget implements PushBudget {

    /** How much of the budget one database round trip reserves at most. */
    static final Duration BATCH_SPAN = Duration.ofMillis(100);
    static final int MAX_BATCH = 32;

    private final ProxyManager<String> buckets;
    private final BucketConfiguration configuration;
    private final int maxPerSecond;
    private final long slotNanos;
    private final int batch;
    private final TimeMeter clock = TimeMeter.SYSTEM_MILLISECONDS;
    private final Map<String, Slots> slots = new ConcurrentHashMap<>();

    SharedPushBudget(DataSource dataSource, int maxPerSecond) {
        this(dataSource, maxPerSecond, (int) Math.max(1, Math.min(MAX_BATCH,
                BATCH_SPAN.toNanos() / (Duration.ofSeconds(1).toNanos() / maxPerSecond))));
    }

    /** @param batch how many tokens one database round trip reserves */
    SharedPushBudget(DataSource dataSource, int maxPerSecond, int batch) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("push_budget").idColumn("id").stateColumn("state")
                .clientClock(clock)
                .build();
        this.configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(1).refillGreedy(maxPerSecond, Duration.ofSeconds(1)))
                .build();
        this.maxPerSecond = maxPerSecond;
        this.slotNanos = Duration.ofSeconds(1).toNanos() / maxPerSecond;
        this.batch = batch;
    }

    /** How many slots one database round trip reserves at this rate. */
    int batchSize() {
        return batch;
    }

    @Override
    public int maxPerSecond() {
        return maxPerSecond;
    }

    @Override
    public void acquire(String phoneManager) throws InterruptedException {
        long slot = slots.computeIfAbsent(phoneManager, this::slotsOf).next();
        long wait = slot - clock.currentTimeNanos();
        if (wait > 0) {
            Thread.sleep(Duration.ofNanos(wait));
        }
    }

    private Slots slotsOf(String phoneManager) {
        // the rate is part of the key: nodes that briefly disagree on it (a reload) never rewrite each other's bucket
        return new Slots(buckets.builder().build(phoneManager + "@" + maxPerSecond, configuration));
    }

    /** This node's reserved slots towards one PhoneManager, handed out in order. */
    private final class Slots {
        private final BucketProxy bucket;
        private final ReentrantLock lock = new ReentrantLock();
        private long next;
        private int left;

        Slots(BucketProxy bucket) {
            this.bucket = bucket;
        }

        /** The wall-clock time (Bucket4j nanos) of this caller's slot; reserves more when none is left. */
        long next() {
            lock.lock();
            try {
                long now = clock.currentTimeNanos();
                if (left > 0 && next < now - slotNanos) {
                    left = 0; // reserved for a run that ended meanwhile: spent in the past, not in a burst now
                }
                if (left == 0) {
                    long untilLast = bucket.consumeIgnoringRateLimits(batch);
                    if (untilLast == Long.MAX_VALUE) {
                        throw new IllegalStateException("the shared push budget cannot reserve " + batch
                                + " token(s)");
                    }
                    // the k-th token is due untilLast after the time Bucket4j read before the transaction (and any
                    // wait for the row lock); counting from now, after it, errs late, never early
                    long answered = clock.currentTimeNanos();
                    // the ones before it are one slot apart (earlier ones, if the bucket held a token, are due now)
                    next = answered + untilLast - (long) (batch - 1) * slotNanos;
                    left = batch;
                }
                long slot = next;
                next += slotNanos;
                left--;
                return slot;
            } finally {
                lock.unlock();
            }
        }
    }
}

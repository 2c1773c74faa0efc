package org.phonecontroller.daemon.failover;

import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.phonecontroller.daemon.time.TimeAdapters;
import org.phonecontroller.daemon.time.TimeSource;

/**
 * The {@link PushBudget} of a single node. A Bucket4j bucket per PhoneManager holding a single token, refilled
 * greedily: pushes are spaced by 1/maxPerSecond, so no window of one second ever holds more than maxPerSecond pushes.
 */
public final class PushThrottle implements PushBudget {

    private final int maxPerSecond;
    private final TimeMeter timeMeter;
    private final BlockingStrategy waiting;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public PushThrottle(int maxPerSecond, TimeSource time) {
        this.maxPerSecond = maxPerSecond;
        this.timeMeter = TimeAdapters.timeMeter(time);
        this.waiting = TimeAdapters.blockingStrategy(time);
    }

    @Override
    public int maxPerSecond() {
        return maxPerSecond;
    }

    @Override
    public void acquire(String phoneManager) throws InterruptedException {
        buckets.computeIfAbsent(phoneManager, name -> Bucket.builder()
                        .addLimit(limit -> limit.capacity(1).refillGreedy(maxPerSecond, Duration.ofSeconds(1)))
                        .withCustomTimePrecision(timeMeter)
                        .build())
                .asBlocking().consume(1, waiting);
    }
}

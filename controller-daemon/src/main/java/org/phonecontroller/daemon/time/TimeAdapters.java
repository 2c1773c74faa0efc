package org.phonecontroller.daemon.time;

import dev.failsafe.spi.Scheduler;
import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One {@link TimeSource} for the libraries that keep time: Bucket4j (rates) and Failsafe (retry delays). */
public final class TimeAdapters {

    private TimeAdapters() {
    }

    /** Bucket4j's notion of time. */
    public static TimeMeter timeMeter(TimeSource time) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return time.nanoTime();
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        };
    }

    /** How Bucket4j waits for a token. */
    public static BlockingStrategy blockingStrategy(TimeSource time) {
        return nanos -> time.sleep(Duration.ofNanos(nanos));
    }

    /** Failsafe's scheduler: each delayed retry waits on a virtual thread through {@code time}. */
    public static Scheduler failsafeScheduler(TimeSource time) {
        return (callable, delay, unit) -> {
            var task = new DelayedTask(callable, time, Duration.ofNanos(unit.toNanos(delay)));
            Thread.ofVirtual().name("retry-delay").start(task);
            return task;
        };
    }

    /** A task that sleeps, then calls; cancelling interrupts the sleep. */
    private static final class DelayedTask extends FutureTask<Object> implements ScheduledFuture<Object> {

        private final Duration delay;

        DelayedTask(Callable<?> callable, TimeSource time, Duration delay) {
            super(() -> {
                time.sleep(delay);
                return callable.call();
            });
            this.delay = delay;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(delay);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public Object get(long timeout, TimeUnit unit)
                throws InterruptedException, ExecutionException, TimeoutException {
            return super.get(timeout, unit);
        }
    }
}

package org.phonecontroller.lab.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lab's one timer thread. Every phone's registration refresh, retransmission, failover and reboot is an entry
 * in its queue; there is never a thread or a timer object per phone.
 */
public final class LabTimers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LabTimers.class);
    private final ScheduledThreadPoolExecutor executor;

    public LabTimers() {
        executor = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("lab-timers").daemon().factory());
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Runs {@code task} once after {@code delay}; a failing task is logged and does not stop the timer thread. */
    public ScheduledFuture<?> after(Duration delay, Runnable task) {
        return executor.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("lab timer task failed", e);
            }
        }, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    }

    public int pending() {
        return executor.getQueue().size();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

}

package org.phonecontroller.daemon.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Time as the daemon's timing logic sees it: the wall clock for what is stored, a monotonic nanosecond counter for
 * rates, and sleeping. Tests pass a fake that moves instead of waiting; the adapters in {@link TimeAdapters} hand the
 * same time to Bucket4j and Failsafe.
 */
public interface TimeSource {

    /** The current instant, for what is stored and shown. */
    Instant now();

    /** A monotonic counter in nanoseconds, for rate limiting. */
    long nanoTime();

    /** Waits {@code duration} (a fake moves its clock instead). */
    void sleep(Duration duration) throws InterruptedException;

    /** The wall clock as a {@link Clock}. */
    Clock clock();

    /** The real time of the machine. */
    static TimeSource system() {
        return SystemTimeSource.INSTANCE;
    }
}

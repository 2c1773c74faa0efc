package org.phonecontroller.protocols.sweep;

import java.util.concurrent.locks.LockSupport;

import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.TimeMeter;

/**
 * The sweeper's time: a nanosecond clock and a way to wait. Tests pass a fake whose {@link #park} moves the clock,
 * so rate limits and timeouts are checked without waiting.
 */
public interface SweepClock extends TimeMeter, BlockingStrategy {

    long nanoTime();

    @Override
    void park(long nanos);

    @Override
    default long currentTimeNanos() {
        return nanoTime();
    }

    @Override
    default boolean isWallClockBased() {
        return false;
    }

    static SweepClock system() {
        return new SweepClock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void park(long nanos) {
                LockSupport.parkNanos(nanos);
            }
        };
    }
}

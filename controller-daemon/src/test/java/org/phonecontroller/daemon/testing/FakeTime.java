package org.phonecontroller.daemon.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.phonecontroller.daemon.time.TimeSource;

/**
 * Time that never waits: sleeping moves the clock to the sleeper's wake-up time (unless it is already later), so
 * rate limits, backoffs and deferrals play out instantly and deterministically in fake time.
 */
public final class FakeTime implements TimeSource {

    public static final Instant START = Instant.parse("2026-11-21T10:00:00Z");

    private final FakeClock clock = new FakeClock(START);

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public long nanoTime() {
        Duration sinceStart = Duration.between(START, clock.instant());
        return sinceStart.toNanos();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        clock.advanceTo(clock.instant().plus(duration));
    }

    @Override
    public Clock clock() {
        return clock;
    }

    public void advance(Duration by) {
        clock.advance(by);
    }

    /** Fake time passed since the start. */
    public Duration elapsed() {
        return Duration.between(START, clock.instant());
    }
}

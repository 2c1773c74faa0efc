package org.phonecontroller.protocols.sweep;

import java.io.IOException;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The fast path of discovery: asks every address of a {@link SweepPlan} once (plus retries for the silent ones),
 * in a random order, at a global rate, through ONE non-blocking UDP socket with one sender (the calling thread)
 * and one receiver thread; {@link SweepKind#TCP} targets are non-blocking connects (thousands in flight) completed
 * by one connector thread, under the same rate. Answers are matched to requests by SNMP request-id or SIP Call-ID <em>and</em> source
 * address; anything else is counted as garbage and ignored. Nothing is ever sent outside the plan's spans.
 *
 * <p>Thread-safe: each {@link #run} is independent.
 */
public final class Sweeper {

    private final SweepClock clock;

    public Sweeper() {
        this(SweepClock.system());
    }

    public Sweeper(SweepClock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Sweeps and blocks until the last answer window closed.
     *
     * @param onHit called on the receiver thread for every address that answered, once per target; keep it short.
     *              An exception it throws is logged and the sweep goes on.
     * @throws IOException when the socket cannot be opened or bound
     */
    public SweepStats run(SweepPlan plan, Consumer<SweepHit> onHit) throws IOException {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(onHit, "onHit");
        return run(plan, onHit, sentAt -> { });
    }

    /** As {@link #run(SweepPlan, Consumer)}; {@code sendObserver} hears the clock's time of every request sent. */
    SweepStats run(SweepPlan plan, Consumer<SweepHit> onHit, java.util.function.LongConsumer sendObserver)
            throws IOException {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(onHit, "onHit");
        try (var run = new SweepRun(plan, clock, onHit, sendObserver)) {
            return run.execute();
        }
    }
}

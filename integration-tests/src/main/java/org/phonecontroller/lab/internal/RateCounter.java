package org.phonecontroller.lab.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Counts events per wall-clock second over the last hour, plus the total and the first and last event. */
public final class RateCounter {
    private static final int WINDOW = 3600;
    private final long[] seconds = new long[WINDOW];
    private final long[] counts = new long[WINDOW];
    private long total;
    private Instant first;
    private Instant last;

    public synchronized void record(Instant at) {
        long s = at.getEpochSecond();
        int slot = (int) (s % WINDOW);
        if (seconds[slot] != s) {
            seconds[slot] = s;
            counts[slot] = 0;
        }
        counts[slot]++;
        total++;
        if (first == null) {
            first = at;
        }
        last = at;
    }

    public synchronized Snapshot snapshot(Instant now) {
        List<long[]> busySeconds = new ArrayList<>();
        long max = 0;
        long nowSecond = now.getEpochSecond();
        for (int i = 0; i < WINDOW; i++) {
            if (counts[i] > 0 && nowSecond - seconds[i] < WINDOW) {
                busySeconds.add(new long[] {seconds[i], counts[i]});
                max = Math.max(max, counts[i]);
            }
        }
        busySeconds.sort((a, b) -> Long.compare(a[0], b[0]));
        return new Snapshot(total, Optional.ofNullable(first), Optional.ofNullable(last), max, busySeconds);
    }

    /**
     * @param perSecond pairs {epochSecond, count} for every second of the last hour that had events, oldest first
     */
    public record Snapshot(long total, Optional<Instant> first, Optional<Instant> last, long maxPerSecond,
                           List<long[]> perSecond) {
    }
}

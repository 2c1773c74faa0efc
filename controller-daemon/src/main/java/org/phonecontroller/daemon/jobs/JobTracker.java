package org.phonecontroller.daemon.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The progress of the latest run of each job (by job name, e.g. {@code failback-floor-1}), for the admin API. It is a
 * view for humans, rebuilt as jobs run: the authoritative per-phone progress is in the phones table.
 */
public final class JobTracker {

    /** What a job run did so far. */
    public static final class Run {
        final String job;
        final Instant startedAt;
        volatile Instant finishedAt;
        volatile String failure;
        final AtomicLong total = new AtomicLong();
        final AtomicLong done = new AtomicLong();
        final AtomicInteger verified = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        /** The phones currently deferred or failed, by address. */
        final Map<String, Problem> problems = new ConcurrentHashMap<>();

        Run(String job, Instant startedAt) {
            this.job = job;
            this.startedAt = startedAt;
        }

        public String job() {
            return job;
        }

        public Instant startedAt() {
            return startedAt;
        }

        /** Null while running. */
        public Instant finishedAt() {
            return finishedAt;
        }

        /** Why the job itself failed (not a phone); null when it did not. */
        public String failure() {
            return failure;
        }

        public long total() {
            return total.get();
        }

        public long done() {
            return done.get();
        }

        public int verified() {
            return verified.get();
        }

        public int deferred() {
            return (int) problems.values().stream().filter(p -> !p.failed()).count();
        }

        public int failed() {
            return failed.get();
        }

        public List<Problem> problems() {
            return problems.values().stream().sorted(java.util.Comparator.comparing(Problem::phone)).toList();
        }
    }

    /** A phone deferred or failed in a run. */
    public record Problem(String phone, boolean failed, String reason) {
    }

    private final Map<String, Run> runs = new ConcurrentHashMap<>();

    Run start(String job, Instant now) {
        Run run = new Run(job, now);
        runs.put(job, run);
        return run;
    }

    public Optional<Run> latest(String job) {
        return Optional.ofNullable(runs.get(job));
    }
}

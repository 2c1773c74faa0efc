package org.phonecontroller.daemon.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.phonecontroller.daemon.storage.Jdbc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The progress of the latest run of each job (by job name, e.g. {@code failback-floor-1}), for the admin API and
 * {@code phonectl … --wait}. The node running a job counts in memory and writes the counts to the database
 * ({@code job_runs}) when the run starts, every {@link #FLUSH_EVERY} while it changes, and when it ends — so any node
 * of a cluster answers for any job, and a failover of ten thousand phones costs a few writes per second, not one per
 * phone. It is a view for humans: the authoritative per-phone progress is in the phones table.
 */
public final class JobTracker implements AutoCloseable {

    /** How often the counts of the runs in progress reach the database (at most: only when they changed). */
    static final Duration FLUSH_EVERY = Duration.ofMillis(500);

    private static final Logger log = LoggerFactory.getLogger(JobTracker.class);

    /** What a job run did so far. */
    public static final class Run {
        final String id = UUID.randomUUID().toString();
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
        /** Phones whose problem changed (added or removed) since the last write. */
        private final Set<String> changedProblems = ConcurrentHashMap.newKeySet();
        /** Bumped by every change; the tracker writes a run whose version moved. */
        private final AtomicLong version = new AtomicLong();
        private long writtenVersion = -1;
        /** One write of this run at a time (the flusher's and the end's); a lock, not a monitor: it spans I/O. */
        private final ReentrantLock writing = new ReentrantLock();

        Run(String job, Instant startedAt) {
            this.job = job;
            this.startedAt = startedAt;
        }

        /** A run as stored by the node that runs (or ran) it. */
        private Run(String job, Instant startedAt, Instant finishedAt, String failure, long total, long done,
                    int verified, int failed, List<Problem> problems) {
            this(job, startedAt);
            this.finishedAt = finishedAt;
            this.failure = failure;
            this.total.set(total);
            this.done.set(done);
            this.verified.set(verified);
            this.failed.set(failed);
            problems.forEach(p -> this.problems.put(p.phone(), p));
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
            return problems.values().stream().sorted(Comparator.comparing(Problem::phone)).toList();
        }

        /** Marks the run changed (call after updating a counter). */
        void changed() {
            version.incrementAndGet();
        }

        void problem(Problem problem) {
            problems.put(problem.phone(), problem);
            changedProblems.add(problem.phone());
            changed();
        }

        void solved(String phone) {
            if (problems.remove(phone) != null) {
                changedProblems.add(phone);
            }
            changed();
        }
    }

    /** A phone deferred or failed in a run. */
    public record Problem(String phone, boolean failed, String reason) {
    }

    private final Jdbc jdbc;
    private final String node;
    private final Map<String, Run> active = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("job-progress-writer").daemon().factory());

    /**
     * @param jdbc the inventory database (shared by the cluster's nodes)
     * @param node this node's id, stored with each run it starts
     */
    JobTracker(Jdbc jdbc, String node) {
        this.jdbc = jdbc;
        this.node = node;
        flusher.scheduleWithFixedDelay(this::flushActive, FLUSH_EVERY.toMillis(), FLUSH_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Starts a run of {@code job} on this node: it replaces the job's previous run, on every node's view. */
    Run start(String job, Instant now) {
        Run run = new Run(job, now);
        try {
            jdbc.inTransaction(tx -> {
                tx.update("DELETE FROM job_run_problems WHERE job = ?", job);
                tx.update("DELETE FROM job_runs WHERE job = ?", job);
                tx.update("INSERT INTO job_runs (job, run_id, node, started_at, finished_at, failure, total, done,"
                        + " verified, failed, updated_at) VALUES (?, ?, ?, ?, NULL, NULL, 0, 0, 0, 0, ?)",
                        job, run.id, node, now, Instant.now());
                return null;
            });
            run.writtenVersion = 0;
        } catch (RuntimeException e) {
            // the job still runs (its phones' progress is stored on its own); only other nodes do not see it
            log.warn("Could not store the start of job {}: {}", job, e.getMessage());
        }
        active.put(job, run);
        return run;
    }

    /** Ends a run: its final counts are written before the job leaves the scheduler, so a waiter sees them. */
    void finish(Run run, Instant now) {
        run.finishedAt = now;
        run.changed();
        active.remove(run.job, run);
        try {
            write(run);
        } catch (RuntimeException e) {
            log.error("Could not store the end of job {} (phonectl --wait on it may not see it end)", run.job, e);
        }
    }

    /**
     * The latest run of a job, whichever node runs or ran it. A run stored as unfinished by a node that is gone (no
     * longer in Quartz's cluster table, or this node after a restart) is shown as failed: its job is re-run as a new
     * run if Quartz recovers it.
     */
    public Optional<Run> latest(String job) {
        Run running = active.get(job);
        if (running != null) {
            return Optional.of(running); // this node runs it: its counts are fresher than the stored ones
        }
        Optional<Stored> stored = jdbc.queryOne("SELECT run_id, node, started_at, finished_at, failure, total, done,"
                + " verified, failed FROM job_runs WHERE job = ?", row -> new Stored(row.getString(1),
                row.getString(2), new Run(job, Jdbc.instant(row, "started_at"), Jdbc.instant(row, "finished_at"),
                row.getString(5), row.getLong(6), row.getLong(7), row.getInt(8), row.getInt(9), List.of())), job);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Run run = stored.get().run();
        jdbc.query("SELECT phone, failed, reason FROM job_run_problems WHERE job = ?",
                row -> run.problems.put(row.getString(1), new Problem(row.getString(1), row.getBoolean(2),
                        row.getString(3))), job);
        if (run.finishedAt == null && !runs(stored.get())) {
            run.finishedAt = Instant.now();
            run.failure = "node " + stored.get().node() + " stopped while running it";
        }
        return Optional.of(run);
    }

    private record Stored(String runId, String node, Run run) {
    }

    /** Whether the node that stored an unfinished run still runs it. */
    private boolean runs(Stored stored) {
        if (stored.node().equals(node)) {
            Run mine = active.get(stored.run().job);
            return mine != null && mine.id.equals(stored.runId());
        }
        return jdbc.queryOne("SELECT 1 FROM qrtz_scheduler_state WHERE instance_name = ?", row -> true,
                stored.node()).isPresent();
    }

    private void flushActive() {
        for (Run run : active.values()) {
            try {
                write(run);
            } catch (RuntimeException e) {
                // the next flush tries again; the phones' own progress is stored regardless
                log.warn("Could not store the progress of job {}: {}", run.job, e.getMessage());
            }
        }
    }

    /** Writes the run's counts and changed problems in one transaction, if it changed since the last write. */
    private void write(Run run) {
        run.writing.lock();
        try {
            long version = run.version.get();
            if (version == run.writtenVersion) {
                return;
            }
            List<String> phones = List.copyOf(run.changedProblems);
            run.changedProblems.removeAll(phones);
            try {
                jdbc.inTransaction(tx -> {
                    int rows = tx.update("UPDATE job_runs SET finished_at = ?, failure = ?, total = ?, done = ?,"
                                    + " verified = ?, failed = ?, updated_at = ? WHERE job = ? AND run_id = ?",
                            run.finishedAt, run.failure, run.total.get(), run.done.get(), (long) run.verified.get(),
                            (long) run.failed.get(), Instant.now(), run.job, run.id);
                    if (rows == 0) {
                        return null; // a later run of the job replaced this one
                    }
                    for (String phone : phones) {
                        tx.update("DELETE FROM job_run_problems WHERE job = ? AND phone = ?", run.job, phone);
                        Problem problem = run.problems.get(phone);
                        if (problem != null) {
                            tx.update("INSERT INTO job_run_problems (job, phone, failed, reason) VALUES (?, ?, ?, ?)",
                                    run.job, phone, problem.failed(), abbreviate(problem.reason()));
                        }
                    }
                    return null;
                });
            } catch (RuntimeException e) {
                run.changedProblems.addAll(phones);
                throw e;
            }
            run.writtenVersion = version;
        } finally {
            run.writing.unlock();
        }
    }

    private static String abbreviate(String reason) {
        String text = reason == null ? "" : reason;
        return text.length() <= 1000 ? text : text.substring(0, 999) + "…";
    }

    /** Stops the periodic writes (the runs' ends are written by the jobs themselves). */
    @Override
    public void close() {
        flusher.shutdown();
        try {
            flusher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

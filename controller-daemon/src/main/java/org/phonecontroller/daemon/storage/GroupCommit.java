package org.phonecontroller.daemon.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.LinkedBlockingQueue;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for the many small writes of a failover (a phone's PUSHING before its push, VERIFIED after, its
 * claim, its event): writes that arrive while a transaction commits wait for the next one, which carries all of them.
 * Each caller still blocks until its own write is committed, so "written before the push" stays true — but ten
 * thousand phones cost a few hundred commits instead of fifty thousand. On H2 (WRITE_DELAY=0) every commit writes a
 * chunk of pages, which made commits the daemon's main CPU cost; on PostgreSQL it saves a WAL flush per write.
 *
 * <p>One writer thread runs the statements of a group in arrival order on one connection, in one transaction. When a
 * statement fails, the group is rolled back and each of its writes is run again on its own, so a bad write fails
 * alone and the others keep their results.
 */
public final class GroupCommit implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    /** The most writes one transaction carries. */
    static final int MAX_GROUP = 512;
    /** How long the writer waits for more writes under load before it commits a group. */
    static final Duration LINGER = Duration.ofMillis(4);
    /** How long a caller waits for its write at most (a stuck database must not stop a thread forever). */
    public static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    /** One queued statement; a null {@code sql} is {@link #awaitQueued}'s marker, which runs nothing. */
    private record Write(String sql, Object[] params, CompletableFuture<Integer> result) {
    }

    private static final Write END = new Write("", new Object[0], new CompletableFuture<>());

    private final DataSource dataSource;
    private final BlockingQueue<Write> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    /** Guards {@code closed} against a write queued after the writer's last look at the queue. */
    private final java.util.concurrent.locks.ReentrantLock lifecycle = new java.util.concurrent.locks.ReentrantLock();
    private boolean closed;
    private final Duration writeTimeout;
    /** The size of the last group (the writer thread's own). */
    private int lastGroup;
    private static final Duration STATS_EVERY = Duration.ofSeconds(10);
    private long periodStart = System.nanoTime();
    private long periodWrites;
    private long periodCommits;

    public GroupCommit(DataSource dataSource, String name) {
        this(dataSource, name, WRITE_TIMEOUT);
    }

    /** @param writeTimeout how long {@link #update} waits for its write before it fails */
    public GroupCommit(DataSource dataSource, String name, Duration writeTimeout) {
        this.dataSource = dataSource;
        this.writeTimeout = writeTimeout;
        this.writer = Thread.ofPlatform().daemon().name(name).start(this::run);
    }

    /**
     * Runs an INSERT, UPDATE or DELETE in the next group; returns once it is committed, with the number of rows it
     * changed.
     *
     * @throws StorageException when it failed, or was not committed within the write timeout (it may still be
     *                          committed later: callers store progress so that running a step again is harmless)
     */
    public int update(String sql, Object... params) {
        return await(enqueue(sql, params), sql);
    }

    /**
     * Queues an INSERT, UPDATE or DELETE for the next group without waiting for it (writes nobody has to see committed
     * before going on, such as the events table's rows); the future completes once it is committed, or fails.
     */
    public CompletableFuture<Integer> submit(String sql, Object... params) {
        try {
            return enqueue(sql, params);
        } catch (StorageException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Returns once every write queued before this call is committed (or failed). */
    public void awaitQueued() {
        await(enqueue(null, new Object[0]), "the writes queued before");
    }

    private CompletableFuture<Integer> enqueue(String sql, Object[] params) {
        var write = new Write(sql, params, new CompletableFuture<>());
        lifecycle.lock();
        try {
            if (closed) {
                throw new StorageException("the inventory is closed: cannot run " + Jdbc.summary(sql));
            }
            queue.add(write);
        } finally {
            lifecycle.unlock();
        }
        return write.result();
    }

    private int await(CompletableFuture<Integer> result, String sql) {
        try {
            return result.get(writeTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StorageException storage) {
                throw new StorageException(storage.getMessage(), storage);
            }
            throw new StorageException("database statement failed (" + Jdbc.summary(sql) + "): " + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new StorageException("the database did not commit " + Jdbc.summary(sql) + " within "
                    + writeTimeout.toMillis() + " ms (" + queue.size() + " write(s) waiting)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting for " + Jdbc.summary(sql), e);
        }
    }

    private void run() {
        List<Write> group = new ArrayList<>();
        while (true) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                refuseFromNowOn();
                failRemaining(group);
                return;
            }
            queue.drainTo(group, MAX_GROUP - 1);
            if (lastGroup > 1) {
                lingerForMore(group);
            }
            lastGroup = group.size();
            boolean end = group.remove(END);
            tally(group);
            if (!group.isEmpty()) {
                try {
                    commit(group);
                } catch (Throwable unexpected) { // never leave a caller waiting for a writer that is gone
                    for (Write write : group) {
                        fail(write, unexpected);
                    }
                    if (unexpected instanceof Error error) {
                        log.error("The inventory writer failed; its queued writes fail too", error);
                        refuseFromNowOn();
                        failRemaining(new ArrayList<>());
                        throw error;
                    }
                    log.error("A group of {} inventory writes failed unexpectedly", group.size(), unexpected);
                }
            }
            group.clear();
            if (end) {
                failRemaining(group);
                return;
            }
        }
    }

    /**
     * Logs how busy the writer was, every 10 s while it carried at least 1,000 writes (a failover, a scan); the
     * markers of {@link #awaitQueued()} are not writes.
     */
    private void tally(List<Write> group) {
        for (Write write : group) {
            if (write.sql() != null) {
                periodWrites++;
            }
        }
        periodCommits++;
        long now = System.nanoTime();
        if (now - periodStart >= STATS_EVERY.toNanos()) {
            if (periodWrites >= 1000) {
                log.info("Inventory writer: {} writes in {} commits over the last {} ms", periodWrites, periodCommits,
                        (now - periodStart) / 1_000_000);
            }
            periodStart = now;
            periodWrites = 0;
            periodCommits = 0;
        }
    }

    /**
     * Under load (the last group carried more than one write) the writer waits up to {@link #LINGER} after the
     * group's first write for more: every commit is a chunk on H2 (pages, chunk metadata, the dropping of old chunks),
     * so during a failover a few fuller commits cost far less than many small ones, and a write waits at most a few
     * milliseconds more. A lone write at idle is committed at once.
     */
    private void lingerForMore(List<Write> group) {
        long deadline = System.nanoTime() + LINGER.toNanos();
        try {
            while (group.size() < MAX_GROUP && !group.contains(END)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                Write next = queue.poll(left, TimeUnit.NANOSECONDS);
                if (next == null) {
                    return;
                }
                group.add(next);
                queue.drainTo(group, MAX_GROUP - group.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the next take() sees it and ends the writer
        }
    }

    private void commit(List<Write> group) {
        int[] counts = new int[group.size()];
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Map<String, PreparedStatement> prepared = new HashMap<>();
                try {
                    for (int i = 0; i < group.size(); i++) {
                        Write write = group.get(i);
                        if (write.sql() == null) {
                            continue; // awaitQueued's marker: done once the writes before it are
                        }
                        PreparedStatement statement = prepared.get(write.sql());
                        if (statement == null) {
                            statement = connection.prepareStatement(write.sql());
                            prepared.put(write.sql(), statement);
                        }
                        Jdbc.bind(statement, write.params());
                        counts[i] = statement.executeUpdate();
                    }
                } finally {
                    for (PreparedStatement statement : prepared.values()) {
                        statement.close();
                    }
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException | RuntimeException e) {
            if (group.size() == 1) {
                fail(group.getFirst(), e);
                return;
            }
            log.debug("A group of {} writes failed ({}); running each on its own", group.size(), e.getMessage());
            for (Write write : group) {
                commit(List.of(write));
            }
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            group.get(i).result().complete(counts[i]);
        }
    }

    private static void fail(Write write, Throwable e) {
        write.result().completeExceptionally(new StorageException("database statement failed ("
                + Jdbc.summary(write.sql()) + "): " + e.getMessage(), e));
    }

    /** The writer is ending: later writes are refused at once instead of waiting for it forever. */
    private void refuseFromNowOn() {
        lifecycle.lock();
        try {
            closed = true;
        } finally {
            lifecycle.unlock();
        }
    }

    private void failRemaining(List<Write> group) {
        queue.drainTo(group);
        for (Write write : group) {
            if (write != END) {
                write.result().completeExceptionally(new StorageException("the inventory was closed before "
                        + Jdbc.summary(write.sql()) + " ran"));
            }
        }
    }

    /** Runs the writes already queued, then stops the writer; later writes are refused. */
    @Override
    public void close() {
        lifecycle.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(END);
        } finally {
            lifecycle.unlock();
        }
        try {
            writer.join(java.time.Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            log.warn("The inventory writer did not finish its queued writes within 30 s");
            writer.interrupt();
        }
    }
}

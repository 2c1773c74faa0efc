package org.phonecontroller.daemon.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code GET /api/events?follow=true}: a chunked stream of events, one JSON object per line (NDJSON), that stays
 * open until the client leaves or the server stops. It asks {@link AdminOperations#events} for events after the
 * last one sent every poll interval, and writes an empty line after a quiet minute so a departed client is noticed.
 */
final class EventStream {

    private static final int BATCH = 500;
    private static final Duration KEEP_ALIVE = Duration.ofMinutes(1);

    private final AdminOperations operations;
    private final ObjectMapper json;
    private final Duration poll;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stopped = lock.newCondition();
    private volatile boolean stopping;

    EventStream(AdminOperations operations, ObjectMapper json, Duration poll) {
        this.operations = operations;
        this.json = json;
        this.poll = poll;
    }

    void follow(HttpExchange ex, Instant since, long afterId, Set<String> kinds) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/x-ndjson");
        ex.sendResponseHeaders(200, 0); // chunked
        OutputStream out = ex.getResponseBody();
        long after = afterId;
        long quietPolls = 0;
        long pollsPerKeepAlive = Math.max(1, KEEP_ALIVE.toMillis() / Math.max(1, poll.toMillis()));
        while (!stopping) {
            List<EventEntry> batch = operations.events(since, after, kinds, BATCH);
            for (EventEntry event : batch) {
                out.write(json.writeValueAsBytes(event));
                out.write('\n');
                after = Math.max(after, event.id());
            }
            if (!batch.isEmpty()) {
                out.flush();
                quietPolls = 0;
            } else if (++quietPolls >= pollsPerKeepAlive) {
                out.write('\n');
                out.flush();
                quietPolls = 0;
            }
            if (batch.size() < BATCH) {
                awaitNextPoll();
            }
        }
        out.close();
    }

    void stop() {
        lock.lock();
        try {
            stopping = true;
            stopped.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void awaitNextPoll() {
        lock.lock();
        try {
            if (!stopping) {
                stopped.await(poll.toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        } finally {
            lock.unlock();
        }
    }
}

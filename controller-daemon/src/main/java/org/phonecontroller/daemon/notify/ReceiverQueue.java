package org.phonecontroller.daemon.notify;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.phonecontroller.config.NotifyReceiver;
import org.phonecontroller.daemon.events.EventKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One receiver's queue and its own thread: events are delivered in order, one at a time, each attempt within the
 * receiver's timeout, retried with backoff when the failure is transient. {@link #offer} never blocks: when
 * {@code queueCapacity} events wait, the oldest is dropped (a receiver that far behind is better served by the newest
 * state), and the drops are logged once per episode with their count. A failed event is logged once, with the
 * receiver and the reason, after its last attempt.
 */
final class ReceiverQueue implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReceiverQueue.class);

    private final NotifyReceiver receiver;
    private final Set<EventKind> kinds;
    private final Delivery delivery;
    private final RetryPolicy retry;
    /** Guards {@code waiting}, {@code droppedThisEpisode}, {@code stopping} and {@code busy}. */
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled whenever one of them changes: an event came, the worker went idle, a stop began. */
    private final Condition changed = lock.newCondition();
    private final Deque<Notification> waiting = new ArrayDeque<>();
    private final Thread worker;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private long droppedThisEpisode;
    private boolean stopping;
    private boolean busy;

    ReceiverQueue(NotifyReceiver receiver, Set<EventKind> kinds, Delivery delivery, RetryPolicy retry) {
        this.receiver = receiver;
        this.kinds = Set.copyOf(kinds);
        this.delivery = delivery;
        this.retry = retry;
        this.worker = Thread.ofPlatform().daemon().name("notify " + receiver.name()).unstarted(this::run);
    }

    ReceiverQueue start() {
        worker.start();
        return this;
    }

    NotifyReceiver receiver() {
        return receiver;
    }

    boolean wants(EventKind kind) {
        return kinds.contains(kind);
    }

    /** Queues {@code n} if its kind is wanted; never blocks. */
    void offer(Notification n) {
        lock.lock();
        try {
            if (stopping || !wants(n.event().kind())) {
                return;
            }
            if (waiting.size() >= retry.queueCapacity()) {
                waiting.pollFirst();
                dropped.incrementAndGet();
                if (droppedThisEpisode++ == 0) {
                    log.warn("Notify {}: {} events wait; dropping the oldest until it catches up", receiver.name(),
                            retry.queueCapacity());
                }
            }
            waiting.addLast(n);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Delivered, failed (after every attempt) and dropped events, and those waiting now. */
    Stats stats() {
        lock.lock();
        try {
            return new Stats(delivered.get(), failed.get(), dropped.get(), waiting.size() + (busy ? 1 : 0));
        } finally {
            lock.unlock();
        }
    }

    record Stats(long delivered, long failed, long dropped, int waiting) {
    }

    private void run() {
        try {
            while (true) {
                Notification next = next();
                if (next == null) {
                    return;
                }
                deliver(next);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            delivery.close();
        }
    }

    /** Waits for the next event, marking the worker busy with it; null once stopping with nothing left. */
    private Notification next() throws InterruptedException {
        lock.lock();
        try {
            busy = false;
            changed.signalAll();
            while (waiting.isEmpty() && !stopping) {
                if (droppedThisEpisode > 0) {
                    log.warn("Notify {}: caught up after dropping {} events", receiver.name(), droppedThisEpisode);
                    droppedThisEpisode = 0;
                }
                changed.await();
            }
            if (waiting.isEmpty()) {
                return null;
            }
            busy = true;
            return waiting.pollFirst();
        } finally {
            lock.unlock();
        }
    }

    private void deliver(Notification n) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                delivery.send(n, receiver.timeout());
                delivered.incrementAndGet();
                return;
            } catch (DeliveryFailed e) {
                if (!e.retryable() || attempt >= retry.attempts()) {
                    failed.incrementAndGet();
                    log.error("Notify {}: {} of {} not delivered after {} attempt(s): {}", receiver.name(),
                            n.event().kind(), n.event().ts(), attempt, e.getMessage());
                    return;
                }
                log.debug("Notify {}: attempt {} failed, retrying: {}", receiver.name(), attempt, e.getMessage());
                if (stoppedDuring(retry.backoff(attempt))) {
                    failed.incrementAndGet();
                    log.error("Notify {}: {} of {} not delivered: stopped while retrying ({})", receiver.name(),
                            n.event().kind(), n.event().ts(), e.getMessage());
                    return;
                }
            }
        }
    }

    /** Waits {@code pause} unless a stop begins first; whether one did. */
    private boolean stoppedDuring(Duration pause) throws InterruptedException {
        lock.lock();
        try {
            long left = pause.toNanos();
            while (!stopping && left > 0) {
                left = changed.awaitNanos(left);
            }
            return stopping;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops taking events and lets the waiting ones go out for up to {@code grace}; then the worker is interrupted
     * (an attempt in flight ends at its timeout at the latest) and what still waits is dropped.
     */
    void stop(Duration grace) {
        lock.lock();
        try {
            long left = grace.toNanos();
            try {
                while ((busy || !waiting.isEmpty()) && left > 0) {
                    left = changed.awaitNanos(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopping = true;
            if (!waiting.isEmpty()) {
                log.warn("Notify {}: stopped with {} event(s) undelivered", receiver.name(), waiting.size());
                waiting.clear();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        worker.interrupt();
    }

    @Override
    public void close() {
        stop(Duration.ZERO);
    }
}

package org.phonecontroller.daemon.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.phonecontroller.config.Credentials;
import org.phonecontroller.config.NotifyReceiver;
import org.phonecontroller.config.RangeCredentials;
import org.phonecontroller.daemon.events.Event;
import org.phonecontroller.daemon.events.EventKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends events to the {@code notify:} receivers: command, webhook, email, SNMP trap, syslog. Subscribe
 * {@link #accept} to the event log; it only queues, so detection and failover never wait for a receiver. Every
 * receiver has its own bounded queue and thread (see {@link RetryPolicy}): a slow or dead receiver delays no other.
 * {@link #reconfigure} keeps the queues of unchanged receivers, starts new ones and stops removed ones.
 */
public final class Notifier implements Consumer<Event>, AutoCloseable {
    /** Per-phone kinds: never sent unless a receiver names them in {@code kinds}. */
    public static final Set<EventKind> PER_PHONE = EnumSet.of(EventKind.PHONE_REPROGRAMMED,
            EventKind.PHONE_DEFERRED_BUSY, EventKind.PHONE_FAILED, EventKind.PHONE_DISCOVERED, EventKind.PHONE_GONE);
    /** What a receiver without {@code kinds} gets: every PhoneManager-, range- and controller-level kind. */
    public static final Set<EventKind> DEFAULT_KINDS = EnumSet.complementOf(EnumSet.copyOf(PER_PHONE));
    private static final Logger log = LoggerFactory.getLogger(Notifier.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final Supplier<ControllerSnapshot> state;
    private final RetryPolicy retry;
    /** One reconfigure or close at a time; {@link #accept} reads {@code queues} without it. */
    private final ReentrantLock changing = new ReentrantLock();
    private volatile Map<Key, ReceiverQueue> queues = Map.of();

    /**
     * @param state what {@code DAEMON_STARTED} carries: the state of every PhoneManager and range, read when that
     *              event is emitted
     */
    public Notifier(List<NotifyReceiver> receivers, Credentials credentials, Supplier<ControllerSnapshot> state,
                    RetryPolicy retry) {
        this.state = Objects.requireNonNull(state, "state");
        this.retry = Objects.requireNonNull(retry, "retry");
        reconfigure(receivers, credentials);
    }

    public Notifier(List<NotifyReceiver> receivers, Credentials credentials, Supplier<ControllerSnapshot> state) {
        this(receivers, credentials, state, RetryPolicy.DEFAULT);
    }

    /** A receiver and its secret: a changed secret makes a new receiver. */
    private record Key(NotifyReceiver receiver, Optional<RangeCredentials> secret) {
    }

    /** Queues the event for every receiver that wants its kind; never blocks. */
    @Override
    public void accept(Event event) {
        Map<Key, ReceiverQueue> current = queues;
        if (current.isEmpty()) {
            return;
        }
        Optional<ControllerSnapshot> snapshot = Optional.empty();
        if (event.kind() == EventKind.DAEMON_STARTED) {
            try {
                snapshot = Optional.of(state.get());
            } catch (RuntimeException e) {
                log.error("Cannot read the state for DAEMON_STARTED; sent without it", e);
            }
        }
        Notification n = new Notification(event, snapshot);
        for (ReceiverQueue q : current.values()) {
            q.offer(n);
        }
    }

    /**
     * Applies a reloaded {@code notify:}: receivers equal to a current one (same settings, same secret) keep their
     * queue and the events in it; new ones start; removed ones stop after a short grace for what they hold.
     */
    public void reconfigure(List<NotifyReceiver> receivers, Credentials credentials) {
        changing.lock();
        try {
            swap(receivers, credentials);
        } finally {
            changing.unlock();
        }
    }

    private void swap(List<NotifyReceiver> receivers, Credentials credentials) {
        Map<Key, ReceiverQueue> old = queues;
        Map<Key, ReceiverQueue> next = new LinkedHashMap<>();
        for (NotifyReceiver r : receivers) {
            Key key = new Key(r, r.credentials().flatMap(c -> Optional.ofNullable(credentials.byKey().get(c))));
            if (next.containsKey(key)) {
                continue;
            }
            ReceiverQueue kept = old.get(key);
            next.put(key, kept != null ? kept : new ReceiverQueue(r, kinds(r), Deliveries.of(r, key.secret()), retry)
                    .start());
        }
        queues = Map.copyOf(next);
        List<ReceiverQueue> removed = new ArrayList<>();
        old.forEach((k, q) -> {
            if (!next.containsKey(k)) {
                removed.add(q);
            }
        });
        removed.forEach(q -> Thread.ofVirtual().name("notify-stop").start(() -> q.stop(STOP_GRACE)));
    }

    static Set<EventKind> kinds(NotifyReceiver r) {
        if (r.kinds().isEmpty()) {
            return DEFAULT_KINDS;
        }
        Set<EventKind> kinds = EnumSet.noneOf(EventKind.class);
        r.kinds().forEach(k -> kinds.add(EventKind.valueOf(k)));
        return kinds;
    }

    /** Per receiver name: delivered, failed, dropped, waiting. */
    public Map<String, ReceiverStats> stats() {
        Map<String, ReceiverStats> all = new LinkedHashMap<>();
        queues.values().forEach(q -> {
            ReceiverQueue.Stats s = q.stats();
            all.put(q.receiver().name(), new ReceiverStats(s.delivered(), s.failed(), s.dropped(), s.waiting()));
        });
        return all;
    }

    /** A receiver's counts since it started. */
    public record ReceiverStats(long delivered, long failed, long dropped, int waiting) {
    }

    /** Gives every receiver up to 5 s (together) to send what it holds (e.g. DAEMON_STOPPED), then stops them. */
    @Override
    public void close() {
        changing.lock();
        try {
            List<Thread> stopping = new ArrayList<>();
            for (ReceiverQueue q : queues.values()) {
                stopping.add(Thread.ofVirtual().start(() -> q.stop(STOP_GRACE)));
            }
            queues = Map.of();
            for (Thread t : stopping) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            changing.unlock();
        }
    }
}

package org.phonecontroller.daemon.registrar;

import org.phonecontroller.daemon.lifecycle.RuntimePart;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.phonecontroller.config.ControllerConfig;
import org.phonecontroller.config.PhoneManagerConfig;
import org.phonecontroller.config.RegistrarConfig;
import org.phonecontroller.daemon.failover.Registrations;
import org.phonecontroller.daemon.time.TimeSource;
import org.phonecontroller.protocols.registrar.RegistrarClient;
import org.phonecontroller.protocols.registrar.RegistrarDump;
import org.phonecontroller.protocols.registrar.RegistrarException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registrar views of every PhoneManager that has one: each read in bulk every {@code interval} (never two reads of
 * one PhoneManager at once, never one request per phone), the latest state kept. A failed read makes the view
 * {@link ViewState.Unknown}, never empty. {@link #start()} begins reading, {@link #stop()} ends it and closes the
 * clients.
 */
public final class RegistrarViews implements Registrations, RuntimePart, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RegistrarViews.class);

    private final Map<String, Poller> pollers = new LinkedHashMap<>();
    private final TimeSource time;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean started = new AtomicBoolean();

    public RegistrarViews(ControllerConfig config, RegistrarClients clients, TimeSource time) {
        this(config.phoneManagers().values(), clients, time);
    }

    /** The views of those of {@code phoneManagers} that have {@code registrar:}. */
    public RegistrarViews(java.util.Collection<PhoneManagerConfig> phoneManagers, RegistrarClients clients,
                          TimeSource time) {
        this.time = time;
        for (PhoneManagerConfig pm : phoneManagers) {
            pm.registrar().ifPresent(r -> pollers.put(pm.name(), new Poller(pm.name(), r,
                    clients.forPhoneManager(pm, r))));
        }
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("registrar-views").daemon().factory());
    }

    /** Starts reading every view at once, then every interval. */
    @Override
    public void start() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        for (Poller p : pollers.values()) {
            scheduler.scheduleWithFixedDelay(p::readIfIdle, 0, p.config.timing().interval().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        if (!pollers.isEmpty()) {
            log.info("Reading the registrar views of {}", pollers.keySet());
        }
    }

    /** Stops reading and closes the clients; the views keep their last state. */
    public void stop() {
        scheduler.shutdownNow();
        pollers.values().forEach(p -> p.client.close());
    }

    @Override
    public String name() {
        return "registrar views";
    }

    /** As a part of the daemon's runtime: stops reading, waits for a read in progress, closes the clients. */
    @Override
    public boolean stop(Duration drain) {
        scheduler.shutdownNow();
        boolean ended;
        try {
            ended = scheduler.awaitTermination(drain.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended = false;
        }
        pollers.values().forEach(p -> p.client.close());
        return ended;
    }

    @Override
    public void close() {
        stop();
    }

    /** The PhoneManagers with a view, in configuration order. */
    public java.util.Set<String> phoneManagers() {
        return java.util.Collections.unmodifiableSet(pollers.keySet());
    }

    /** The state of {@code phoneManager}'s view; empty when it has none. */
    public Optional<ViewState> state(String phoneManager) {
        return Optional.ofNullable(pollers.get(phoneManager)).map(p -> p.state);
    }

    /** The configured kind of {@code phoneManager}'s view; empty when it has none. */
    public Optional<String> kind(String phoneManager) {
        return Optional.ofNullable(pollers.get(phoneManager)).map(p -> p.config.kind());
    }

    /** Reads every view once now and waits for the reads (tests, and {@code phonectl status} right after start). */
    public void readAllNow(Duration atMost) {
        var futures = pollers.values().stream().map(Poller::read).toList();
        try {
            java.util.concurrent.CompletableFuture.allOf(futures.toArray(new java.util.concurrent.CompletableFuture[0]))
                    .get(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // each read records its own failure
        }
    }

    @Override
    public boolean hasView(String phoneManager) {
        return pollers.containsKey(phoneManager);
    }

    @Override
    public Registration lookup(String phoneManager, String address) {
        Poller p = pollers.get(phoneManager);
        if (p == null || !(p.state instanceof ViewState.Known known)) {
            return Registration.UNKNOWN;
        }
        return known.addresses().contains(address) ? Registration.REGISTERED : Registration.NOT_REGISTERED;
    }

    @Override
    public Optional<Instant> knownAt(String phoneManager) {
        Poller p = pollers.get(phoneManager);
        return p != null && p.state instanceof ViewState.Known known ? Optional.of(known.readAt()) : Optional.empty();
    }

    @Override
    public Duration deadline(String phoneManager) {
        Poller p = pollers.get(phoneManager);
        return p == null ? Duration.ZERO : p.config.timing().deadline();
    }

    @Override
    public Duration patience(String phoneManager) {
        Poller p = pollers.get(phoneManager);
        return p == null ? Duration.ZERO
                : p.config.timing().interval().multipliedBy(2).plus(p.config.timing().timeout());
    }

    /** The longest any phone may stay APPLIED and still be watched: the largest deadline plus patience. */
    public Duration longestWatch() {
        return pollers.keySet().stream().map(pm -> deadline(pm).plus(patience(pm))).max(Duration::compareTo)
                .orElse(Duration.ZERO);
    }

    /** One PhoneManager's view. */
    private final class Poller {
        final String phoneManager;
        final RegistrarConfig config;
        final RegistrarClient client;
        final AtomicBoolean reading = new AtomicBoolean();
        volatile ViewState state = new ViewState.NotReadYet();

        Poller(String phoneManager, RegistrarConfig config, RegistrarClient client) {
            this.phoneManager = phoneManager;
            this.config = config;
            this.client = client;
        }

        void readIfIdle() {
            if (reading.compareAndSet(false, true)) {
                read();
            }
        }

        java.util.concurrent.CompletableFuture<?> read() {
            reading.set(true);
            java.util.concurrent.CompletableFuture<RegistrarDump> f;
            try {
                f = client.dump();
            } catch (RuntimeException e) {
                f = java.util.concurrent.CompletableFuture.failedFuture(e);
            }
            return f.whenComplete((dump, failure) -> {
                try {
                    Instant now = time.now();
                    if (failure == null) {
                        if (!(state instanceof ViewState.Known)) {
                            log.info("Registrar view of {} ({}): {} live contact(s)", phoneManager, config.kind(),
                                    dump.contacts().size());
                        }
                        state = new ViewState.Known(dump.contacts(), dump.registeredAddresses(), now);
                    } else {
                        Throwable cause = failure instanceof java.util.concurrent.CompletionException
                                && failure.getCause() != null ? failure.getCause() : failure;
                        String reason = cause instanceof RegistrarException re ? re.reason() + ": " + re.getMessage()
                                : cause.toString();
                        if (!(state instanceof ViewState.Unknown u)) {
                            log.warn("Registrar view of {} ({}) is unknown: {}", phoneManager, config.kind(), reason);
                            state = new ViewState.Unknown(reason, now);
                        } else {
                            state = new ViewState.Unknown(reason, u.since());
                        }
                    }
                } finally {
                    reading.set(false);
                }
            });
        }
    }
}

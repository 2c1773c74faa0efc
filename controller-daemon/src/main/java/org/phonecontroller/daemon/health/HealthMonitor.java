package org.phonecontroller.daemon.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.phonecontroller.daemon.events.Event;
import org.phonecontroller.daemon.events.EventKind;
import org.phonecontroller.daemon.events.Events;
import org.phonecontroller.protocols.Endpoint;
import org.phonecontroller.protocols.FailureReason;
import org.phonecontroller.protocols.HealthProbe;
import org.phonecontroller.protocols.ProbeResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes every PhoneManager (and the witnesses) once per interval on its own scheduler — not Quartz, so detection
 * can be sub-second — and feeds the results to one {@link PhoneManagerHealth} per PhoneManager. While no witness
 * answers the controller is isolated: it writes CONTROLLER_ISOLATED once and freezes every state machine, so an
 * isolated controller never declares anything DOWN. Every transition is an event.
 *
 * <p>The probing thread only probes and moves the state machines ({@link #state} is up to date as soon as a round
 * ends); writing each transition's event and telling the {@link HealthListener} (which stores it and takes decisions
 * that touch the database and the job scheduler) happen on the {@code transitions} executor, one at a time and in
 * order, so a slow database never makes a probe late.
 */
public final class HealthMonitor implements HealthView, AutoCloseable {

    /** A PhoneManager and the probe that judges it. */
    public record Monitored(Endpoint endpoint, HealthProbe probe) {
        public Monitored {
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(probe, "probe");
        }
    }

    /** A PhoneManager's health as last judged. */
    public record Snapshot(String phoneManager, HealthState state, Instant since) {
    }

    private static final Logger log = LoggerFactory.getLogger(HealthMonitor.class);

    private final List<Monitored> monitored;
    private final Map<String, PhoneManagerHealth> machines = new LinkedHashMap<>();
    private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();
    private final Map<String, ProbeResult> lastResults = new ConcurrentHashMap<>();
    private final WitnessCheck witnesses;
    private final HealthThresholds thresholds;
    private final Duration probeTimeout;
    private final Clock clock;
    private final Events events;
    private final HealthListener listener;
    private final Executor transitions;
    private volatile boolean isolated;
    private final ReentrantLock lifecycle = new ReentrantLock();
    private ScheduledFuture<?> schedule;
    private volatile boolean firstProbesLogged;

    /**
     * @param probeTimeout the probes' own timeout; a probe still silent a little after it counts as a TIMEOUT
     * @param transitions  where transitions are written and handed to the listener: one thread, in order (tests may
     *                     pass {@code Runnable::run} to have them on the probing thread)
     */
    public HealthMonitor(List<Monitored> monitored, WitnessCheck witnesses, HealthThresholds thresholds,
                         Duration probeTimeout, Clock clock, Events events, HealthListener listener,
                         Executor transitions) {
        this.transitions = Objects.requireNonNull(transitions, "transitions");
        this.thresholds = thresholds;
        this.monitored = List.copyOf(monitored);
        this.witnesses = witnesses;
        this.probeTimeout = probeTimeout;
        this.clock = clock;
        this.events = events;
        this.listener = listener;
        Instant now = clock.instant();
        for (Monitored m : this.monitored) {
            var machine = new PhoneManagerHealth(m.endpoint().name(), thresholds, now);
            machines.put(machine.name(), machine);
            snapshots.put(machine.name(), new Snapshot(machine.name(), machine.state(), now));
        }
    }

    /**
     * Continues from what a replaced monitor knew: the state machines of the PhoneManagers named in {@code memories}
     * (those whose configuration did not change) and whether the controller was isolated. Call before {@link #start}.
     */
    public void carryOver(Map<String, PhoneManagerHealth.Memory> memories, boolean wasIsolated) {
        lifecycle.lock();
        try {
            if (schedule != null) {
                throw new IllegalStateException("carry health over before the monitor starts");
            }
            memories.forEach((name, memory) -> {
                if (machines.containsKey(name)) {
                    machines.put(name, PhoneManagerHealth.resume(name, thresholds, memory));
                    snapshots.put(name, new Snapshot(name, memory.state(), memory.since()));
                }
            });
            isolated = wasIsolated && witnesses.enabled();
        } finally {
            lifecycle.unlock();
        }
    }

    /** What each state machine knows (read it once the monitor is closed and its last round ended). */
    public Map<String, PhoneManagerHealth.Memory> memories() {
        Map<String, PhoneManagerHealth.Memory> memories = new LinkedHashMap<>();
        machines.forEach((name, machine) -> memories.put(name, machine.memory()));
        return memories;
    }

    /** The last probe results, to carry over with {@link #carryOver}. */
    public Map<String, ProbeResult> lastResults() {
        return Map.copyOf(lastResults);
    }

    /** Shows {@code results} as the last probe results until this monitor's own arrive (after a reload). */
    public void carryOverLastResults(Map<String, ProbeResult> results) {
        results.forEach((name, result) -> {
            if (machines.containsKey(name)) {
                lastResults.putIfAbsent(name, result);
            }
        });
    }

    /** Probes every {@code interval} on {@code scheduler}, starting now. */
    public void start(ScheduledExecutorService scheduler, Duration interval) {
        lifecycle.lock();
        try {
            if (schedule != null) {
                throw new IllegalStateException("health monitor already started");
            }
            schedule = scheduler.scheduleAtFixedRate(this::runOnceLogged, 0, interval.toNanos(),
                    TimeUnit.NANOSECONDS);
        } finally {
            lifecycle.unlock();
        }
    }

    private void runOnceLogged() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: log and keep probing
            log.error("Health probe round failed; probing continues", e);
        }
    }

    /** One round: probes everything, then applies the results (witnesses first). Blocks at most about a timeout. */
    public void runOnce() {
        CompletableFuture<Boolean> reachable = witnesses.anyAnswers()
                .completeOnTimeout(false, guard().toNanos(), TimeUnit.NANOSECONDS);
        List<CompletableFuture<ProbeResult>> results = new ArrayList<>();
        for (Monitored m : monitored) {
            results.add(m.probe().probe(m.endpoint())
                    .completeOnTimeout(new ProbeResult.Down(FailureReason.TIMEOUT, "probe did not complete within "
                            + guard().toMillis() + "ms"), guard().toNanos(), TimeUnit.NANOSECONDS)
                    .exceptionally(e -> new ProbeResult.Down(FailureReason.UNREACHABLE, "probe failed: " + e)));
        }
        if (!firstProbesLogged) {
            firstProbesLogged = true; // rounds run one at a time on the probing scheduler
            // the moment the start-up benchmark measures (start to first probe); the first verdict follows after
            // successesToUp answers
            log.info("First health probes sent to {} PhoneManager(s)", monitored.size());
        }
        boolean connected = reachable.join();
        Instant now = clock.instant();
        updateIsolation(!connected, now);
        if (isolated) {
            return;
        }
        for (int i = 0; i < monitored.size(); i++) {
            String name = monitored.get(i).endpoint().name();
            PhoneManagerHealth machine = machines.get(name);
            ProbeResult result = results.get(i).join();
            lastResults.put(name, result);
            for (HealthTransition t : machine.record(result, now)) {
                snapshots.put(name, new Snapshot(name, t.to(), t.at()));
                transitions.execute(() -> announce(t));
            }
        }
    }

    /** On the transitions executor: the event, then the listener (which stores it and decides). */
    private void announce(HealthTransition t) {
        try {
            events.emit(Event.ofPhoneManager(t.at(), eventKind(t.to()), t.phoneManager(),
                    t.from() + " -> " + t.to() + ": " + t.reason()));
            listener.onTransition(t);
        } catch (RuntimeException e) {
            log.error("Handling the health transition of {} ({} -> {}) failed", t.phoneManager(), t.from(), t.to(),
                    e);
        }
    }

    private Duration guard() {
        return probeTimeout.plus(probeTimeout.dividedBy(2)).plusMillis(50);
    }

    private void updateIsolation(boolean nowIsolated, Instant now) {
        if (nowIsolated == isolated) {
            return;
        }
        isolated = nowIsolated;
        transitions.execute(() -> {
            try {
                if (nowIsolated) {
                    events.emit(Event.general(now, EventKind.CONTROLLER_ISOLATED, "no witness answers ("
                            + witnesses.witnesses().stream().map(w -> w.address().toString()).toList()
                            + "): health frozen, nothing fails over until a witness answers again"));
                } else {
                    events.emit(Event.general(now, EventKind.CONTROLLER_CONNECTED, "a witness answers again"));
                }
                listener.onIsolationChanged(nowIsolated, now);
            } catch (RuntimeException e) {
                log.error("Handling the controller's isolation ({}) failed", nowIsolated, e);
            }
        });
    }

    static EventKind eventKind(HealthState to) {
        return switch (to) {
            case UP -> EventKind.PHONE_MANAGER_UP;
            case SUSPECT -> EventKind.PHONE_MANAGER_SUSPECT;
            case DOWN -> EventKind.PHONE_MANAGER_DOWN;
            case RECOVERING -> EventKind.PHONE_MANAGER_RECOVERING;
            case UNKNOWN -> throw new IllegalArgumentException("no transition leads to UNKNOWN");
        };
    }

    @Override
    public boolean isolated() {
        return isolated;
    }

    /** The PhoneManager's health, UNKNOWN for a name not monitored. */
    @Override
    public HealthState state(String phoneManager) {
        Snapshot s = snapshots.get(phoneManager);
        return s == null ? HealthState.UNKNOWN : s.state();
    }

    @Override
    public Instant since(String phoneManager) {
        return snapshot(phoneManager).since();
    }

    public Snapshot snapshot(String phoneManager) {
        Snapshot s = snapshots.get(phoneManager);
        if (s == null) {
            throw new IllegalArgumentException("PhoneManager '" + phoneManager + "' is not monitored");
        }
        return s;
    }

    /** The last probe result of a PhoneManager (while not isolated), if it was probed yet. */
    public java.util.Optional<ProbeResult> lastResult(String phoneManager) {
        return java.util.Optional.ofNullable(lastResults.get(phoneManager));
    }

    public List<Snapshot> snapshots() {
        return monitored.stream().map(m -> snapshots.get(m.endpoint().name())).toList();
    }

    /** Stops probing (a round in progress ends); the probes and executors belong to the caller. */
    @Override
    public void close() {
        lifecycle.lock();
        try {
            if (schedule != null) {
                schedule.cancel(false);
            }
        } finally {
            lifecycle.unlock();
        }
    }
}

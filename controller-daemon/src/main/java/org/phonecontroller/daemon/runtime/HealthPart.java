package org.phonecontroller.daemon.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.phonecontroller.config.ControllerConfig;
import org.phonecontroller.config.PhoneManagerConfig;
import org.phonecontroller.daemon.adapters.ProbeFactory;
import org.phonecontroller.daemon.events.Events;
import org.phonecontroller.daemon.health.HealthListener;
import org.phonecontroller.daemon.health.HealthMonitor;
import org.phonecontroller.daemon.health.HealthThresholds;
import org.phonecontroller.daemon.health.HealthTransition;
import org.phonecontroller.daemon.health.PhoneManagerHealth;
import org.phonecontroller.daemon.health.WitnessCheck;
import org.phonecontroller.daemon.inventory.PhoneManagerState;
import org.phonecontroller.daemon.inventory.PhoneManagerStates;
import org.phonecontroller.daemon.lifecycle.RuntimePart;
import org.phonecontroller.daemon.time.TimeSource;
import org.phonecontroller.protocols.HealthProbe;
import org.phonecontroller.protocols.ProbeResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Health as a part of the runtime: the probes it owns, the {@link HealthMonitor}, the thread that probes and the
 * thread that handles transitions (stores each one in the phone_managers table, then hands it to the decisions).
 */
final class HealthPart implements RuntimePart {

    private static final Logger log = LoggerFactory.getLogger(HealthPart.class);

    final HealthMonitor monitor;
    private final List<HealthProbe> probes;
    private final Duration interval;
    private final ScheduledExecutorService probing;
    private final ExecutorService transitions;

    private HealthPart(HealthMonitor monitor, List<HealthProbe> probes, Duration interval,
                       ScheduledExecutorService probing, ExecutorService transitions) {
        this.monitor = monitor;
        this.probes = probes;
        this.interval = interval;
        this.probing = probing;
        this.transitions = transitions;
    }

    /** Builds the probes (which may fail: then the ones built are closed) and the monitor; starts nothing. */
    static HealthPart build(ControllerConfig config, org.phonecontroller.config.Credentials credentials,
                           ProbeFactory factory, TimeSource time, Events events,
                            PhoneManagerStates states, HealthListener decisions) {
        List<HealthProbe> probes = new ArrayList<>();
        try {
            List<HealthMonitor.Monitored> monitored = new ArrayList<>();
            for (PhoneManagerConfig pm : config.phoneManagers().values()) {
                HealthProbe probe = factory.forPhoneManager(pm, config.probe(), credentials);
                probes.add(probe);
                monitored.add(new HealthMonitor.Monitored(RangePlans.endpoint(pm), probe));
            }
            WitnessCheck witnesses = WitnessCheck.off();
            if (!config.probe().witnesses().isEmpty()) {
                HealthProbe witnessProbe = factory.forWitnesses(config.probe());
                probes.add(witnessProbe);
                witnesses = new WitnessCheck(config.probe().witnesses().stream().map(RangePlans::witness).toList(),
                        witnessProbe);
            }
            ExecutorService transitions = Executors.newSingleThreadExecutor(
                    Thread.ofPlatform().name("health-transitions").daemon().factory());
            var monitor = new HealthMonitor(monitored, witnesses, HealthThresholds.of(config.probe()),
                    config.probe().timeout(), time.clock(), events, storingFirst(states, decisions), transitions);
            return new HealthPart(monitor, probes, config.probe().interval(),
                    Executors.newSingleThreadScheduledExecutor(
                            Thread.ofPlatform().name("health-probes").daemon().factory()), transitions);
        } catch (RuntimeException e) {
            probes.forEach(HealthPart::closeQuietly);
            throw e;
        }
    }

    /** Each transition is stored in the phone_managers table, then handed to {@code decisions}. */
    private static HealthListener storingFirst(PhoneManagerStates states, HealthListener decisions) {
        return new HealthListener() {
            @Override
            public void onTransition(HealthTransition t) {
                try {
                    states.save(new PhoneManagerState(t.phoneManager(), t.to(), t.at()));
                } catch (RuntimeException e) {
                    log.error("Cannot store the health of {} ({})", t.phoneManager(), t.to(), e);
                }
                decisions.onTransition(t);
            }

            @Override
            public void onIsolationChanged(boolean isolated, Instant at) {
                decisions.onIsolationChanged(isolated, at);
            }
        };
    }

    /** Continues from a stopped predecessor: the health of the PhoneManagers named (those unchanged). */
    void carryOver(HealthPart previous, Set<String> unchanged) {
        Map<String, PhoneManagerHealth.Memory> memories = new LinkedHashMap<>(previous.monitor.memories());
        memories.keySet().retainAll(unchanged);
        monitor.carryOver(memories, previous.monitor.isolated());
        Map<String, ProbeResult> results = new HashMap<>(previous.monitor.lastResults());
        results.keySet().retainAll(unchanged);
        monitor.carryOverLastResults(results);
    }

    @Override
    public String name() {
        return "health";
    }

    /** Probing starts at once. */
    @Override
    public void start() {
        monitor.start(probing, interval);
    }

    /** The round in progress ends, then the transitions it found are handled; then the probes close. */
    @Override
    public boolean stop(Duration drain) {
        monitor.close();
        probing.shutdown();
        boolean drained = await(probing, drain);
        transitions.shutdown();
        drained &= await(transitions, drain);
        probes.forEach(HealthPart::closeQuietly);
        return drained;
    }

    private static boolean await(ExecutorService executor, Duration limit) {
        try {
            if (executor.awaitTermination(limit.toNanos(), TimeUnit.NANOSECONDS)) {
                return true;
            }
            log.warn("Health: a thread did not end within {}", limit);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void closeQuietly(HealthProbe probe) {
        try {
            probe.close();
        } catch (RuntimeException e) {
            log.warn("Closing the {} probe failed: {}", probe.kind(), e.toString());
        }
    }
}

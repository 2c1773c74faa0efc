package org.phonecontroller.daemon.runtime;

import org.phonecontroller.daemon.adapters.ProbeFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.phonecontroller.config.ControllerConfig;
import org.phonecontroller.config.PhoneManagerConfig;
import org.phonecontroller.daemon.events.Events;
import org.phonecontroller.daemon.health.HealthListener;
import org.phonecontroller.daemon.health.HealthMonitor;
import org.phonecontroller.daemon.health.HealthThresholds;
import org.phonecontroller.daemon.health.HealthTransition;
import org.phonecontroller.daemon.health.WitnessCheck;
import org.phonecontroller.daemon.inventory.PhoneManagerState;
import org.phonecontroller.daemon.inventory.PhoneManagerStates;
import org.phonecontroller.daemon.time.TimeSource;
import org.phonecontroller.protocols.HealthProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A health monitor built from the configuration, with the probes it owns. */
final class HealthWiring implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HealthWiring.class);

    final HealthMonitor monitor;
    private final List<HealthProbe> probes;

    private HealthWiring(HealthMonitor monitor, List<HealthProbe> probes) {
        this.monitor = monitor;
        this.probes = probes;
    }

    /** Transitions are stored in the phone_managers table, then handed to {@code decisions}. */
    static HealthWiring of(ControllerConfig config, ProbeFactory factory, TimeSource time, Events events,
                           PhoneManagerStates states, HealthListener decisions) {
        List<HealthProbe> probes = new ArrayList<>();
        List<HealthMonitor.Monitored> monitored = new ArrayList<>();
        for (PhoneManagerConfig pm : config.phoneManagers().values()) {
            HealthProbe probe = factory.forPhoneManager(pm, config.probe());
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
        HealthListener listener = new HealthListener() {
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
        var monitor = new HealthMonitor(monitored, witnesses, HealthThresholds.of(config.probe()),
                config.probe().timeout(), time.clock(), events, listener);
        return new HealthWiring(monitor, probes);
    }

    @Override
    public void close() {
        monitor.close();
        probes.forEach(HealthProbe::close);
    }
}

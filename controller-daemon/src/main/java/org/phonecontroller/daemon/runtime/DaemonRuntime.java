package org.phonecontroller.daemon.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.phonecontroller.config.ControllerConfig;
import org.phonecontroller.config.Credentials;
import org.phonecontroller.daemon.discovery.DiscoveryPipeline;
import org.phonecontroller.daemon.discovery.DiscoveryService;
import org.phonecontroller.daemon.discovery.ScanPolicy;
import org.phonecontroller.daemon.failover.DesiredTargets;
import org.phonecontroller.daemon.failover.FailoverPolicy;
import org.phonecontroller.daemon.failover.FailoverReconciler;
import org.phonecontroller.daemon.failover.PushBudget;
import org.phonecontroller.daemon.failover.RangePlan;
import org.phonecontroller.daemon.health.HealthListener;
import org.phonecontroller.daemon.health.HealthTransition;
import org.phonecontroller.daemon.lifecycle.RuntimePart;
import org.phonecontroller.daemon.provisioning.Provisioning;
import org.phonecontroller.daemon.provisioning.ProvisioningProtocols;
import org.phonecontroller.daemon.registrar.RegistrarClients;
import org.phonecontroller.daemon.registrar.RegistrarViews;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The assembler: everything one configuration determines, built here and nowhere else. Its constructor is the map
 * of the daemon's modules; each part receives what it needs from this runtime or the {@link Foundation}, never from
 * an older runtime. Building may fail (a probe or protocol that cannot be made) and then starts nothing and leaves
 * nothing open; {@link #start} does not fail.
 *
 * <p>A reload builds a new runtime from the new configuration while this one runs, then {@link Daemon} stops and
 * drains this one, starts the new one with what must survive handed over (the health of every PhoneManager whose
 * configuration did not change, the push budget when maxPerSecond did not change), and swaps.
 *
 * <p>To add a part (a {@link RuntimePart}): build it in the constructor after what it needs, wrapped in
 * {@code part(...)} — which starts it in that order, stops it in reverse, and closes it if a later part cannot be
 * built — and if it must carry something over a reload, take it from {@code previous} in {@link #start}.
 */
public final class DaemonRuntime {

    private static final Logger log = LoggerFactory.getLogger(DaemonRuntime.class);

    final ControllerConfig config;
    private final Credentials credentials;
    /** This configuration's provisioned ranges, served from {@link #start} on (empty without a provisioning server). */
    private final Optional<Provisioning.Configured> provisioning;
    final Map<String, RangePlan> plans;
    final HealthPart health;
    final RegistrarViews registrarViews;
    final DesiredTargets targets;
    final PushBudget throttle;
    final FailoverReconciler reconciler;
    final DiscoveryService discovery;
    final ReconcileSweep sweep;
    private final Foundation base;
    /** In the order the constructor built them, which is the start order; stopped in reverse (health first). */
    private final List<RuntimePart> parts = new ArrayList<>();

    /**
     * @param previous the running runtime this one is to replace, if any: only what may be shared with it is taken
     *                 (the push budget, which one reconciler at a time uses)
     */
    DaemonRuntime(ControllerConfig config, Credentials credentials, Foundation base,
                  Optional<DaemonRuntime> previous) {
        this.config = config;
        this.credentials = credentials;
        this.base = base;
        // provisioning: the ranges the provisioning server serves under this configuration (from this runtime's start)
        this.provisioning = base.provisioning().map(p -> p.configure(config, credentials));
        // ranges, with the protocols that reach their phones
        this.plans = RangePlans.of(config, credentials, new ProvisioningProtocols(base.protocols(), provisioning));
        // health: probes of every PhoneManager and witness; transitions go to the decisions below
        this.health = part(HealthPart.build(config, credentials, base.probes(), base.time(), base.events(),
                base.phoneManagerStates(), new Decisions()));
        try {
            // registrar views: who is registered at each PhoneManager with registrar: (the reconciler verifies by them)
            this.registrarViews = part(new RegistrarViews(config, RegistrarClients.standard(credentials, base.time()),
                    base.time()));
            // decisions: each range's desired target from health (they ask the jobs to move phones)
            this.targets = new DesiredTargets(base.ranges(), plans::values, health.monitor, config.failover().failback(),
                    config.failover().automaticFailbackAfter(), base.time().clock(), base.events(),
                    new DesiredTargets.Actions() {
                        @Override
                        public void reconcile(String range) {
                            base.jobs().reconcile(range);
                        }

                        @Override
                        public void failback(String range, String why) {
                            base.jobs().failback(range, false, why);
                        }
                    });
            // the reconciler, which moves phones to their range's target within the push budget
            // (cluster mode: one budget per PhoneManager for all nodes, in the database)
            int maxPerSecond = config.failover().maxPerSecond();
            this.throttle = previous.map(p -> p.throttle)
                    .filter(t -> t.maxPerSecond() == maxPerSecond)
                    .orElseGet(() -> base.clustered() ? PushBudget.shared(base.dataSource(), maxPerSecond)
                            : PushBudget.local(maxPerSecond, base.time()));
            this.reconciler = part(new FailoverReconciler(base.inventory(), base.ranges(),
                    FailoverPolicy.of(config.failover()), base.time(), base.events(), health.monitor::isolated,
                    () -> base.jobs().instanceId(), base.clustered(), registrarViews, throttle));
            // discovery, which the scan jobs run
            ScanPolicy scanPolicy = ScanPolicy.of(config.scan());
            this.discovery = part(new DiscoveryService(base.inventory(), scanPolicy, base.time(), base.events(),
                    new DiscoveryPipeline(base.protocols().discoverySweep(), scanPolicy.sweep()), base.scanLocks()));
            // the level-triggered sweep: decisions again, reconcile jobs for unfinished work
            this.sweep = part(new ReconcileSweep(base.sweepEvery(), targets, plans.values(), registrarViews,
                    base.ranges(), base.inventory(), base.jobs(), base.time(), base.somethingHappened()));
        } catch (RuntimeException e) {
            stop(Duration.ZERO); // closes what the parts built so far opened (health's probes)
            throw e;
        }
    }

    /** Keeps a part built by the constructor: started in this order, stopped in reverse. */
    private <T extends RuntimePart> T part(T part) {
        parts.add(part);
        return part;
    }

    /**
     * Starts every part in order. With a previous runtime (already stopped), first takes over the health of the
     * PhoneManagers whose configuration is the same. The provisioning server serves this configuration's ranges
     * before any part starts (a push of this runtime's reconciler is fetched with its ranges).
     */
    void start(Optional<DaemonRuntime> previous) {
        provisioning.ifPresent(Provisioning.Configured::serve);
        Instant now = base.time().now();
        for (RangePlan plan : plans.values()) {
            base.ranges().ensure(plan.name(), now);
        }
        previous.ifPresent(p -> health.carryOver(p.health, unchangedPhoneManagers(p.config, config)));
        base.jobs().scheduleScans(config.scan().schedule());
        for (RuntimePart part : parts) {
            part.start();
        }
    }

    /** Stops every part, last first, each given {@code drain} to finish its work in progress. */
    boolean stop(Duration drain) {
        boolean drained = true;
        List<RuntimePart> reversed = new ArrayList<>(parts.reversed());
        // health first: no decision is taken on behalf of a runtime that is going away
        reversed.remove(health);
        reversed.addFirst(health);
        for (RuntimePart part : reversed) {
            try {
                if (!part.stop(drain)) {
                    log.warn("The {} did not finish its work within {}", part.name(), drain);
                    drained = false;
                }
            } catch (RuntimeException e) {
                log.error("Stopping the {} failed", part.name(), e);
                drained = false;
            }
        }
        return drained;
    }

    public ControllerConfig config() {
        return config;
    }

    Credentials credentials() {
        return credentials;
    }

    public Collection<RangePlan> plans() {
        return plans.values();
    }

    private static Set<String> unchangedPhoneManagers(ControllerConfig before, ControllerConfig after) {
        Set<String> same = new HashSet<>();
        after.phoneManagers().forEach((name, pm) -> {
            if (pm.equals(before.phoneManagers().get(name))) {
                same.add(name);
            }
        });
        return same;
    }

    /** Health transitions reach this runtime's decisions (built after health, which needs them first). */
    private final class Decisions implements HealthListener {
        @Override
        public void onTransition(HealthTransition transition) {
            targets.onTransition(transition);
        }

        @Override
        public void onIsolationChanged(boolean isolated, Instant at) {
            targets.onIsolationChanged(isolated, at);
        }
    }
}

package org.phonecontroller.daemon.failover;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.phonecontroller.config.FailbackMode;
import org.phonecontroller.daemon.events.Event;
import org.phonecontroller.daemon.events.EventKind;
import org.phonecontroller.daemon.events.Events;
import org.phonecontroller.daemon.health.HealthListener;
import org.phonecontroller.daemon.health.HealthState;
import org.phonecontroller.daemon.health.HealthTransition;
import org.phonecontroller.daemon.health.HealthView;
import org.phonecontroller.daemon.inventory.RangeState;
import org.phonecontroller.daemon.inventory.RangeTarget;
import org.phonecontroller.daemon.inventory.Target;

/**
 * Decides each range's desired target (stored in the ranges table) from the PhoneManagers' health; the
 * {@link FailoverReconciler} then moves the phones. Level-triggered: {@link #evaluate()} looks at the whole picture
 * each time (after every health transition and periodically), so a condition missed once is acted on the next time.
 *
 * <ul>
 *   <li>PRIMARY, primary DOWN, fallback UP: flip to FALLBACK (FAILOVER_STARTED).</li>
 *   <li>PRIMARY, primary DOWN, fallback not UP: FAILOVER_BLOCKED once; flips as soon as the fallback is UP while
 *       the primary is still down.</li>
 *   <li>FALLBACK, fallback DOWN, primary UP: flip back to PRIMARY at once, whatever the failback mode: phones must
 *       not stay on a dead server when their primary answers.</li>
 *   <li>FALLBACK (not planned), automatic failback, primary UP for automaticFailbackAfter: failback (rescan, then
 *       PRIMARY).</li>
 *   <li>Manual failback (the default): nothing moves back by itself; {@link #checkFailback} gates the request.</li>
 *   <li>Isolated controller: nothing changes.</li>
 * </ul>
 */
public final class DesiredTargets implements HealthListener {

    /** What the decisions set in motion (Quartz jobs in the daemon). */
    public interface Actions {
        /** Bring the range's phones to its (new) desired target. */
        void reconcile(String range);

        /** Flip the range to PRIMARY and reconcile, rescanning it meanwhile (known phones first). */
        void failback(String range, String why);
    }

    private final RangeState ranges;
    private final Supplier<? extends Collection<RangePlan>> plans;
    private final HealthView health;
    private final Clock clock;
    private final Events events;
    private final Actions actions;
    private final Set<String> blocked = ConcurrentHashMap.newKeySet();
    private final Set<String> failingBack = ConcurrentHashMap.newKeySet();
    private volatile FailbackMode failbackMode;
    private volatile Duration automaticFailbackAfter;
    /** One decision at a time (a lock, not a monitor: admin requests run on virtual threads and decisions do I/O). */
    private final ReentrantLock deciding = new ReentrantLock();

    public DesiredTargets(RangeState ranges, Supplier<? extends Collection<RangePlan>> plans, HealthView health,
                          FailbackMode failbackMode, Duration automaticFailbackAfter, Clock clock, Events events,
                          Actions actions) {
        this.ranges = ranges;
        this.plans = plans;
        this.health = health;
        this.failbackMode = failbackMode;
        this.automaticFailbackAfter = automaticFailbackAfter;
        this.clock = clock;
        this.events = events;
        this.actions = actions;
    }

    /** Applies a reloaded failback configuration. */
    public void failbackPolicy(FailbackMode mode, Duration after) {
        this.failbackMode = mode;
        this.automaticFailbackAfter = after;
    }

    @Override
    public void onTransition(HealthTransition transition) {
        evaluate();
    }

    @Override
    public void onIsolationChanged(boolean isolated, Instant at) {
        if (!isolated) {
            evaluate();
        }
    }

    /** Looks at every range once and flips what must flip. */
    public void evaluate() {
        deciding.lock();
        try {
            if (health.isolated()) {
                return;
            }
            for (RangePlan plan : plans.get()) {
                evaluate(plan, ranges.ensure(plan.name(), clock.instant()));
            }
        } finally {
            deciding.unlock();
        }
    }

    private void evaluate(RangePlan plan, RangeTarget target) {
        String primary = plan.primary().name();
        String fallback = plan.fallback().name();
        HealthState p = health.state(primary);
        HealthState f = health.state(fallback);
        Instant now = clock.instant();
        if (target.desired() == Target.PRIMARY) {
            if (p != HealthState.DOWN) {
                blocked.remove(plan.name());
                return;
            }
            if (f == HealthState.UP) {
                flip(plan, Target.FALLBACK, "primary " + primary + " DOWN since " + health.since(primary), false,
                        EventKind.FAILOVER_STARTED);
                blocked.remove(plan.name());
            } else if (blocked.add(plan.name())) {
                events.emit(Event.ofRange(now, EventKind.FAILOVER_BLOCKED, plan.name(), "primary " + primary
                        + " is DOWN but fallback " + fallback + " is " + f + ": failing over as soon as " + fallback
                        + " is UP while " + primary + " is still down"));
            }
            return;
        }
        if (f == HealthState.DOWN && p == HealthState.UP) {
            flip(plan, Target.PRIMARY, "fallback " + fallback + " DOWN while primary " + primary + " is UP", false,
                    EventKind.FAILBACK_STARTED);
            return;
        }
        if (failbackMode == FailbackMode.AUTOMATIC && !target.planned() && p == HealthState.UP
                && !health.since(primary).plus(automaticFailbackAfter).isAfter(now)
                && failingBack.add(plan.name())) {
            actions.failback(plan.name(), "automatic: primary " + primary + " UP since " + health.since(primary)
                    + " (" + automaticFailbackAfter.toSeconds() + "s hold-down)");
        }
    }

    /**
     * Whether a failback of the range may start now: refused (with the reason) while its primary is not UP, unless
     * forced, or while the controller is isolated.
     */
    public Optional<String> checkFailback(RangePlan plan, boolean force) {
        HealthState p = health.state(plan.primary().name());
        if (p != HealthState.UP && !force) {
            return Optional.of("primary " + plan.primary().name() + " of range " + plan.name() + " is " + p
                    + " since " + health.since(plan.primary().name()));
        }
        return Optional.empty();
    }

    /** Called by the failback job once the primary is UP (or forced): flips the range to PRIMARY; its rescan follows. */
    public boolean flipToPrimary(RangePlan plan, String why) {
        deciding.lock();
        try {
            failingBack.remove(plan.name());
            return flip(plan, Target.PRIMARY, why, false, EventKind.FAILBACK_STARTED);
        } finally {
            deciding.unlock();
        }
    }

    /**
     * Planned failover for maintenance of the primary: flips to FALLBACK now, marked planned so automatic failback
     * leaves it alone.
     *
     * @return the reason it is refused, or empty when it was flipped (or already on FALLBACK)
     */
    public Optional<String> plannedFailover(RangePlan plan) {
        deciding.lock();
        try {
            HealthState f = health.state(plan.fallback().name());
            if (f != HealthState.UP) {
                return Optional.of("fallback " + plan.fallback().name() + " of range " + plan.name() + " is " + f);
            }
            flip(plan, Target.FALLBACK, "planned failover (maintenance of " + plan.primary().name() + ")", true,
                    EventKind.FAILOVER_STARTED);
            return Optional.empty();
        } finally {
            deciding.unlock();
        }
    }

    private boolean flip(RangePlan plan, Target to, String reason, boolean planned, EventKind started) {
        Instant now = clock.instant();
        ranges.ensure(plan.name(), now);
        if (!ranges.flip(plan.name(), to, reason, planned, now)) {
            return false;
        }
        events.emit(Event.ofRange(now, started, plan.name(), "to " + plan.phoneManager(to).name() + ": " + reason));
        actions.reconcile(plan.name());
        return true;
    }
}

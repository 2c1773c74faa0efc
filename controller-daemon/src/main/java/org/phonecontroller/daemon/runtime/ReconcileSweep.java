package org.phonecontroller.daemon.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.phonecontroller.daemon.events.Event;
import org.phonecontroller.daemon.events.EventKind;
import org.phonecontroller.daemon.failover.DesiredTargets;
import org.phonecontroller.daemon.failover.RangePlan;
import org.phonecontroller.daemon.inventory.PhoneInventory;
import org.phonecontroller.daemon.inventory.RangeState;
import org.phonecontroller.daemon.inventory.RangeTarget;
import org.phonecontroller.daemon.inventory.Target;
import org.phonecontroller.daemon.jobs.Jobs;
import org.phonecontroller.daemon.lifecycle.RuntimePart;
import org.phonecontroller.daemon.registrar.RegistrarViews;
import org.phonecontroller.daemon.time.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The level-triggered safety net: decisions again, and a reconcile job for every range with work left. Looking for
 * work reads every phone of every range, so it runs right after something happened (an event: a scan ended, a target
 * flipped, a phone failed, ...; see {@link #WORK_CHECK_EVERY}) and otherwise once per {@link #WORK_CHECK_EVERY} — at
 * idle the daemon would spend most of its CPU on it. A new sweep (after a start or a reload) looks at once.
 */
final class ReconcileSweep implements RuntimePart {

    /** How often the sweep looks for unfinished work when nothing happened (failed phones wait 60 s anyway). */
    static final Duration WORK_CHECK_EVERY = Duration.ofSeconds(15);

    private static final Logger log = LoggerFactory.getLogger(ReconcileSweep.class);

    private final Duration every;
    private final DesiredTargets targets;
    private final Collection<RangePlan> plans;
    private final RegistrarViews registrarViews;
    private final RangeState ranges;
    private final PhoneInventory inventory;
    private final Jobs jobs;
    private final TimeSource time;
    private final AtomicBoolean somethingHappened;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("reconcile-sweep").daemon().factory());
    private Instant nextWorkCheck = Instant.MIN;

    /**
     * @param somethingHappened raised after every event (it outlives runtimes: the event log sets it); the sweep
     *                          lowers it when it looks for work
     */
    ReconcileSweep(Duration every, DesiredTargets targets, Collection<RangePlan> plans, RegistrarViews registrarViews,
                   RangeState ranges, PhoneInventory inventory, Jobs jobs, TimeSource time,
                   AtomicBoolean somethingHappened) {
        this.registrarViews = registrarViews;
        this.every = every;
        this.targets = targets;
        this.plans = plans;
        this.ranges = ranges;
        this.inventory = inventory;
        this.jobs = jobs;
        this.time = time;
        this.somethingHappened = somethingHappened;
    }

    /**
     * Whether an event may leave work for the sweep to find. A phone reprogrammed, or deferred while its reconciler
     * runs, does not: during a failover those are one event per phone, and each would make the sweep read every phone
     * of every range again while the reconcilers are busy with them.
     */
    static boolean mayLeaveWork(Event event) {
        return event.kind() != EventKind.PHONE_REPROGRAMMED && event.kind() != EventKind.PHONE_DEFERRED_BUSY;
    }

    @Override
    public String name() {
        return "reconcile sweep";
    }

    @Override
    public void start() {
        scheduler.scheduleWithFixedDelay(this::sweep, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        try {
            targets.evaluate();
            Instant now = time.now();
            if (!somethingHappened.getAndSet(false) && now.isBefore(nextWorkCheck)) {
                return;
            }
            nextWorkCheck = now.plus(WORK_CHECK_EVERY);
            for (RangePlan plan : plans) {
                RangeTarget target = ranges.ensure(plan.name(), now);
                if (inventory.needsWork(plan.name(), plan.assignmentFor(target.desired()), now.minusSeconds(60),
                        target.desired() == Target.FALLBACK, now.minus(registrarViews.longestWatch()))) {
                    jobs.reconcile(plan.name());
                }
            }
        } catch (RuntimeException e) {
            log.error("Reconcile sweep failed; it runs again in {}", every, e);
        }
    }

    /** A sweep in progress ends; none starts after. */
    @Override
    public boolean stop(Duration drain) {
        scheduler.shutdown();
        try {
            return scheduler.awaitTermination(drain.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

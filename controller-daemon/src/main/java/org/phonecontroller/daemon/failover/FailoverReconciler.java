package org.phonecontroller.daemon.failover;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.phonecontroller.daemon.events.Event;
import org.phonecontroller.daemon.events.EventKind;
import org.phonecontroller.daemon.events.Events;
import org.phonecontroller.daemon.inventory.Phone;
import org.phonecontroller.daemon.inventory.PhoneInventory;
import org.phonecontroller.daemon.inventory.PushState;
import org.phonecontroller.daemon.inventory.RangeState;
import org.phonecontroller.daemon.inventory.RangeTarget;
import org.phonecontroller.daemon.inventory.Target;
import org.phonecontroller.daemon.lifecycle.Activity;
import org.phonecontroller.daemon.lifecycle.RuntimePart;
import org.phonecontroller.daemon.time.TimeSource;
import org.phonecontroller.protocols.ServerAssignment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Level-triggered: brings every present phone of a range to the servers of the range's desired target, as stored in
 * the database. It does not care how the target came to be (failover, failback, planned maintenance, a restart in the
 * middle of any of them): each run reads the target, aims the phones at it, and works through those not verified
 * yet — at most maxInFlight at once, pushes throttled per target PhoneManager, phones in a call deferred, failures
 * retried. Progress lives in the phones table, so a run after a crash continues where the last one stopped, and a
 * phone verified before is not pushed again. While the controller is isolated it changes nothing.
 */
public final class FailoverReconciler implements RuntimePart {

    private static final Logger log = LoggerFactory.getLogger(FailoverReconciler.class);
    /**
     * How long a phone claim lasts at most. Claims of a dead node end earlier (when another node recovers its jobs);
     * the lease only frees a phone whose node is alive but stuck.
     */
    static final java.time.Duration CLAIM_LEASE = java.time.Duration.ofMinutes(10);

    private final PhoneInventory inventory;
    private final RangeState ranges;
    private final FailoverPolicy policy;
    private final TimeSource time;
    private final Events events;
    private final BooleanSupplier isolated;
    private final PhoneReprogrammer reprogrammer;
    private final Supplier<String> node;
    private final boolean claimPhones;
    private final Activity runs = new Activity();
    private final Registrations registrations;
    private final RegistrationWatch registrationWatch;

    /** A reconciler of the only node: its jobs keep one reconciler per range, so it claims no phones. */
    public FailoverReconciler(PhoneInventory inventory, RangeState ranges, FailoverPolicy policy, TimeSource time,
                              Events events, BooleanSupplier isolated) {
        this(inventory, ranges, policy, time, events, isolated, () -> "single-node", false);
    }

    /**
     * @param node        this daemon's node id, under which it claims each phone before reprogramming it
     * @param claimPhones true in cluster mode, where two nodes must never push the same phone at once; a single node
     *                    runs one reconciler per range (the jobs' range locks), so claiming would only cost two
     *                    database writes per phone
     */
    public FailoverReconciler(PhoneInventory inventory, RangeState ranges, FailoverPolicy policy, TimeSource time,
                              Events events, BooleanSupplier isolated, Supplier<String> node, boolean claimPhones) {
        this(inventory, ranges, policy, time, events, isolated, node, claimPhones, Registrations.NONE);
    }

    /**
     * @param registrations the PhoneManagers' registrar views: where the target has one (and the range requires it),
     *                      a phone is verified once registered there, whatever protocol pushed it
     */
    public FailoverReconciler(PhoneInventory inventory, RangeState ranges, FailoverPolicy policy, TimeSource time,
                              Events events, BooleanSupplier isolated, Supplier<String> node, boolean claimPhones,
                              Registrations registrations) {
        this(inventory, ranges, policy, time, events, isolated, node, claimPhones, registrations,
                PushBudget.local(policy.maxPerSecond(), time));
    }

    /**
     * @param budget the push rate per target PhoneManager: {@link PushBudget#shared} in cluster mode, so the nodes
     *               together stay within {@code maxPerSecond}; a reload that keeps maxPerSecond hands the same one
     *               to the next reconciler, so the budget is not refilled by the swap
     */
    public FailoverReconciler(PhoneInventory inventory, RangeState ranges, FailoverPolicy policy, TimeSource time,
                              Events events, BooleanSupplier isolated, Supplier<String> node, boolean claimPhones,
                              Registrations registrations, PushBudget budget) {
        this.registrations = registrations;
        this.registrationWatch = new RegistrationWatch(inventory, registrations, time, events);
        this.node = node;
        this.claimPhones = claimPhones;
        this.inventory = inventory;
        this.ranges = ranges;
        this.policy = policy;
        this.time = time;
        this.events = events;
        this.isolated = isolated;
        this.reprogrammer = new PhoneReprogrammer(inventory, policy, budget, time, events, registrations);
    }

    @Override
    public String name() {
        return "reconciler";
    }

    /** Nothing to start: runs are started by the jobs. */
    @Override
    public void start() {
    }

    /**
     * Asks running runs to end after the phones in flight (each one's progress is stored) and waits for them; a run
     * asked for later ends at once ({@link ReconcileReport.Ending#STOPPED}).
     */
    @Override
    public boolean stop(java.time.Duration drain) {
        boolean drained = runs.stopAndAwait(drain);
        if (!drained) {
            log.warn("Reconciler runs still busy {} after stop ({} left)", drain, runs.running());
        }
        return drained;
    }

    /** Asks running runs to end after the phones in flight, without waiting for them. */
    public void stop() {
        runs.stop();
    }

    /** Brings the range's phones to its desired target; returns when none is left to do, when superseded or stopped. */
    public ReconcileReport reconcile(RangePlan range, ReconcileProgress progress) throws InterruptedException {
        return reconcile(range, progress, PhoneGate.OPEN);
    }

    /** As {@link #reconcile(RangePlan, ReconcileProgress)}, working on a phone only once {@code gate} admits it. */
    public ReconcileReport reconcile(RangePlan range, ReconcileProgress progress, PhoneGate gate)
            throws InterruptedException {
        if (!runs.begin()) {
            Instant now = time.now();
            Target target = ranges.find(range.name()).map(RangeTarget::desired).orElse(Target.PRIMARY);
            return new ReconcileReport(range.name(), target, now, now, 0, 0, List.of(),
                    ReconcileReport.Ending.STOPPED);
        }
        try {
            return run(range, progress, gate);
        } finally {
            runs.end();
        }
    }

    private ReconcileReport run(RangePlan range, ReconcileProgress progress, PhoneGate gate)
            throws InterruptedException {
        Instant startedAt = time.now();
        RangeTarget target = ranges.ensure(range.name(), startedAt);
        ServerAssignment desired = range.assignmentFor(target.desired());
        PhoneManagerRef targetPm = range.phoneManager(target.desired());
        inventory.aimRangeAt(range.name(), desired, startedAt);
        inventory.retryFailed(range.name(), desired, startedAt);
        log.info("Reconciling range {} to {} ({}): {}", range.name(), target.desired(), targetPm.name(), desired);

        var tally = new Tally();
        ReconcileReport.Ending ending = ReconcileReport.Ending.DONE;
        while (true) {
            if (runs.stopping()) {
                ending = ReconcileReport.Ending.STOPPED;
                break;
            }
            if (!stillWanted(range, target)) {
                ending = ReconcileReport.Ending.SUPERSEDED;
                break;
            }
            if (isolated.getAsBoolean()) {
                time.sleep(policy.recheckEvery());
                continue;
            }
            int awaitingRegistration = watchRegistrations(range, targetPm, desired, tally, progress);
            List<Phone> unfinished = inventory.unfinished(range.name(), desired);
            if (unfinished.isEmpty()) {
                if (awaitingRegistration == 0) {
                    break;
                }
                time.sleep(policy.recheckEvery());
                continue;
            }
            progress.planned(tally.seen.size() + (int) unfinished.stream()
                    .filter(p -> !tally.seen.containsKey(p.address())).count());
            List<Phone> due = unfinished.stream().filter(this::isDue).filter(gate::admits).toList();
            if (due.isEmpty()) {
                if (unfinished.stream().anyMatch(p -> isDue(p) && !gate.admits(p))) {
                    gate.awaitChange(policy.recheckEvery()); // phones not confirmed yet: push each once it is
                } else {
                    time.sleep(policy.recheckEvery());
                }
                continue;
            }
            Pass pass = runPass(range, targetPm, desired, due, tally, progress);
            if (pass.broken() > 0 || pass.claimedElsewhere() == due.size()) {
                // something is broken (logged), or another node works on these phones: do not spin on it
                time.sleep(policy.recheckEvery());
            }
        }
        var counts = inventory.progressCounts(range.name(), desired);
        var report = new ReconcileReport(range.name(), target.desired(), startedAt, time.now(),
                counts.getOrDefault(PushState.VERIFIED, 0), tally.pushed.get(), tally.failures(), ending);
        if (ending == ReconcileReport.Ending.DONE && !tally.seen.isEmpty()) {
            events.emit(Event.ofRange(report.finishedAt(), target.desired() == Target.FALLBACK
                            ? EventKind.FAILOVER_COMPLETED : EventKind.FAILBACK_COMPLETED, range.name(),
                    report.verified() + " phone(s) on " + targetPm.name() + " (" + report.pushed() + " pushed), "
                            + report.failed().size() + " failed" + registeredSummary(range, targetPm, counts)));
        }
        log.info("Range {} reconciled to {}: {} verified, {} pushed, {} failed ({})", range.name(),
                target.desired(), report.verified(), report.pushed(), report.failed().size(), ending);
        return report;
    }

    /** Checks the APPLIED phones against the target's registrar view; returns how many still wait. */
    private int watchRegistrations(RangePlan range, PhoneManagerRef target, ServerAssignment desired, Tally tally,
                                   ReconcileProgress progress) {
        List<Phone> applied = inventory.applied(range.name(), desired);
        int waiting = 0;
        for (RegistrationWatch.Step step : registrationWatch.check(range, target, desired, applied)) {
            if (step.outcome() != null) {
                tally.record(step.phone(), step.outcome());
                progress.phoneDone(step.phone(), step.outcome());
            }
            if (step.waiting()) {
                waiting++;
            }
        }
        return waiting;
    }

    /** "; 40 registered at pm-b (registrar view)" where the target has a view; nothing otherwise. */
    private String registeredSummary(RangePlan range, PhoneManagerRef target, Map<PushState, Integer> counts) {
        if (!registrations.hasView(target.name())) {
            return "";
        }
        if (registrations.knownAt(target.name()).isEmpty()) {
            return "; registrar view of " + target.name() + " unknown (it does not answer)";
        }
        long registered = inventory.ofRange(range.name()).stream()
                .filter(p -> p.presence() == org.phonecontroller.daemon.inventory.Presence.PRESENT)
                .filter(p -> registrations.lookup(target.name(), p.address())
                        == Registrations.Registration.REGISTERED).count();
        int applied = counts.getOrDefault(PushState.APPLIED, 0);
        return "; " + registered + " registered at " + target.name() + " (registrar view)"
                + (applied > 0 ? ", " + applied + " applied but not seen registered" : "");
    }

    private boolean stillWanted(RangePlan range, RangeTarget target) {
        return ranges.find(range.name()).map(now -> now.desired() == target.desired()).orElse(false);
    }

    /** A deferred phone is looked at again once recheckEvery has passed since its last deferral. */
    private boolean isDue(Phone phone) {
        return phone.progress().state() != PushState.DEFERRED || phone.progress().updatedAt() == null
                || !phone.progress().updatedAt().plus(policy.recheckEvery()).isAfter(time.now());
    }

    /** What one pass did: steps broken by an unexpected error, phones another node had claimed. */
    private record Pass(int broken, int claimedElsewhere) {
    }

    /** Works once through the due phones, each claimed for this node while it is reprogrammed. */
    private Pass runPass(RangePlan range, PhoneManagerRef target, ServerAssignment desired, List<Phone> due,
                        Tally tally, ReconcileProgress progress) throws InterruptedException {
        Semaphore inFlight = new Semaphore(policy.maxInFlight());
        AtomicInteger broken = new AtomicInteger();
        AtomicInteger claimedElsewhere = new AtomicInteger();
        String self = node.get();
        try (var threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("reconcile-", 0).factory())) {
            for (Phone phone : due) {
                if (runs.stopping()) {
                    break;
                }
                inFlight.acquire();
                threads.submit(() -> {
                    boolean claimed = false;
                    try {
                        Instant now = time.now();
                        if (claimPhones) {
                            claimed = inventory.claim(phone, desired, self, now.plus(CLAIM_LEASE), now);
                            if (!claimed) {
                                claimedElsewhere.incrementAndGet();
                                return;
                            }
                        }
                        PhoneOutcome outcome = reprogrammer.reprogram(range, target, desired, phone);
                        tally.record(phone.address(), outcome);
                        progress.phoneDone(phone.address(), outcome);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (RuntimeException e) {
                        // the phone stays PENDING or PUSHING in the database: the next pass or run picks it up
                        broken.incrementAndGet();
                        log.error("Reconciling phone {} of range {} failed; it is retried", phone.address(),
                                range.name(), e);
                    } finally {
                        if (claimed) {
                            releaseQuietly(phone, self);
                        }
                        inFlight.release();
                    }
                });
            }
        }
        return new Pass(broken.get(), claimedElsewhere.get());
    }

    private void releaseQuietly(Phone phone, String self) {
        try {
            inventory.release(phone, self);
        } catch (RuntimeException e) {
            // the claim lapses with its lease, or when this node leaves the cluster
            log.warn("Could not release the claim on phone {}: {}", phone.address(), e.getMessage());
        }
    }

    /** What a run did, across its passes. */
    private static final class Tally {
        final Map<String, PhoneOutcome> seen = new ConcurrentHashMap<>();
        final AtomicInteger pushed = new AtomicInteger();

        void record(String phone, PhoneOutcome outcome) {
            seen.put(phone, outcome);
            if (outcome instanceof PhoneOutcome.Verified v && v.pushed()
                    || outcome instanceof PhoneOutcome.Applied a && a.pushed()) {
                pushed.incrementAndGet();
            }
        }

        List<ReconcileReport.PhoneProblem> failures() {
            List<ReconcileReport.PhoneProblem> problems = new ArrayList<>();
            seen.forEach((phone, outcome) -> {
                if (outcome instanceof PhoneOutcome.Failed f) {
                    problems.add(new ReconcileReport.PhoneProblem(phone, f.reason()));
                }
            });
            problems.sort(java.util.Comparator.comparing(ReconcileReport.PhoneProblem::phone));
            return problems;
        }
    }
}

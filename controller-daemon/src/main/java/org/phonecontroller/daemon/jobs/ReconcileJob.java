package org.phonecontroller.daemon.jobs;

import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.phonecontroller.daemon.failover.PhoneGate;
import org.phonecontroller.daemon.failover.FailoverReconciler;
import org.phonecontroller.daemon.failover.PhoneOutcome;
import org.phonecontroller.daemon.failover.RangePlan;
import org.phonecontroller.daemon.failover.ReconcileProgress;
import org.phonecontroller.daemon.failover.ReconcileReport;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the reconciler over one range ({@code failover-<range>} or {@code failback-<range>}). A failback job checks
 * that the primary is UP (unless forced), flips the range to PRIMARY, and rescans the range while it reconciles:
 * the phones the inventory knows are identified again first and each one is pushed as soon as it is confirmed
 * (the same phone, or the one that replaced it), while the sweep for newcomers and moved phones runs beside it;
 * once the rescan ended, one more run brings the phones it found. Runs again when the range's target changed
 * while it ran, so the latest target always wins, and when a reload replaced the reconciler under it (the jobs'
 * services wait for the new one).
 */
@DisallowConcurrentExecution
final class ReconcileJob extends TrackedJob {

    static final String RANGE = "range";
    static final String FAILBACK = "failback";
    static final String FORCE = "force";
    static final String WHY = "why";

    private static final Logger log = LoggerFactory.getLogger(ReconcileJob.class);

    private final RangeLocks locks;

    ReconcileJob(JobServices services, JobTracker tracker, RangeLocks locks) {
        super(services, tracker);
        this.locks = locks;
    }

    @Override
    void run(JobExecutionContext context, JobTracker.Run run) throws JobExecutionException, InterruptedException {
        JobDataMap data = context.getMergedJobDataMap();
        String range = data.getString(RANGE);
        RangePlan plan = services.plan(range).orElseThrow(() -> new JobExecutionException(
                "range '" + range + "' is no longer configured"));
        ReentrantLock lock = locks.of(range);
        lock.lockInterruptibly();
        try {
            if (data.getBooleanValueFromString(FAILBACK)) {
                failBack(plan, data, run);
            } else {
                reconcile(range, plan, run, PhoneGate.OPEN);
            }
        } finally {
            lock.unlock();
        }
    }

    private void reconcile(String range, RangePlan plan, JobTracker.Run run, PhoneGate gate)
            throws InterruptedException {
        ReconcileReport report;
        FailoverReconciler reconciler;
        do {
            reconciler = services.reconciler();
            report = reconciler.reconcile(services.plan(range).orElse(plan), progress(run), gate);
            // superseded: the target changed; stopped by a reload: the next runtime's reconciler continues
        } while (report.ending() == ReconcileReport.Ending.SUPERSEDED
                || report.ending() == ReconcileReport.Ending.STOPPED && services.reconciler() != reconciler);
    }

    private void failBack(RangePlan plan, JobDataMap data, JobTracker.Run run) throws InterruptedException {
        Optional<String> refusal = services.targets().checkFailback(plan, data.getBooleanValueFromString(FORCE));
        if (refusal.isPresent()) {
            run.failure = "failback refused: " + refusal.get();
            log.warn("Failback of range {} refused: {}", plan.name(), refusal.get());
            return;
        }
        services.targets().flipToPrimary(plan, Optional.ofNullable(data.getString(WHY)).orElse("failback"));
        var gate = new FailbackGate();
        Thread rescan = Thread.ofVirtual().name("failback-rescan-" + plan.name()).start(() -> {
            try {
                services.discovery().rescanKnownFirst(plan, ScanJob.progress(new JobTracker.Run("rescan",
                        run.startedAt)), gate::confirm);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.error("The rescan of failback {} failed; every known phone is pushed without it", plan.name(), e);
            } finally {
                gate.rescanEnded();
            }
        });
        try {
            reconcile(plan.name(), plan, run, gate);
        } finally {
            rescan.join();
        }
        reconcile(plan.name(), plan, run, PhoneGate.OPEN); // newcomers and moved phones the sweep found
    }

    private static ReconcileProgress progress(JobTracker.Run run) {
        return new ReconcileProgress() {
            @Override
            public void planned(int phones) {
                run.total.set(phones);
                run.changed();
            }

            @Override
            public void phoneDone(String phone, PhoneOutcome outcome) {
                switch (outcome) {
                    case PhoneOutcome.Verified v -> {
                        run.verified.incrementAndGet();
                        run.done.incrementAndGet();
                        run.solved(phone);
                    }
                    case PhoneOutcome.Deferred d -> run.problem(new JobTracker.Problem(phone, false, d.reason()));
                    case PhoneOutcome.Failed f -> {
                        run.failed.incrementAndGet();
                        run.done.incrementAndGet();
                        run.problem(new JobTracker.Problem(phone, true, f.reason()));
                    }
                    case PhoneOutcome.Applied a -> {
                        // pushed and read back; counted once the target's registrar view decides
                    }
                    case PhoneOutcome.Superseded s -> {
                    }
                }
            }
        };
    }
}

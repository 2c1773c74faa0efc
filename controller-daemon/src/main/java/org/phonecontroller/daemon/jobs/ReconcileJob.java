package org.phonecontroller.daemon.jobs;

import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
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
 * Runs the reconciler over one range ({@code failover-<range>} or {@code failback-<range>}). A failback job first
 * rescans the range (phones move, get replaced), checks that the primary is UP (unless forced), then flips the
 * range to PRIMARY. Runs again when the range's target changed while it ran, so the latest target always wins, and
 * when a reload replaced the reconciler under it (the jobs' services wait for the new one).
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
            if (data.getBooleanValueFromString(FAILBACK) && !failBack(plan, data, run)) {
                return;
            }
            ReconcileReport report;
            FailoverReconciler reconciler;
            do {
                reconciler = services.reconciler();
                report = reconciler.reconcile(services.plan(range).orElse(plan), progress(run));
                // superseded: the target changed; stopped by a reload: the next runtime's reconciler continues
            } while (report.ending() == ReconcileReport.Ending.SUPERSEDED
                    || report.ending() == ReconcileReport.Ending.STOPPED && services.reconciler() != reconciler);
        } finally {
            lock.unlock();
        }
    }

    private boolean failBack(RangePlan plan, JobDataMap data, JobTracker.Run run) throws InterruptedException {
        services.discovery().scan(plan, ScanJob.progress(new JobTracker.Run("rescan", run.startedAt)));
        Optional<String> refusal = services.targets().checkFailback(plan, data.getBooleanValueFromString(FORCE));
        if (refusal.isPresent()) {
            run.failure = "failback refused after the rescan: " + refusal.get();
            log.warn("Failback of range {} refused after its rescan: {}", plan.name(), refusal.get());
            return false;
        }
        services.targets().flipToPrimary(plan, Optional.ofNullable(data.getString(WHY)).orElse("failback"));
        return true;
    }

    private static ReconcileProgress progress(JobTracker.Run run) {
        return new ReconcileProgress() {
            @Override
            public void planned(int phones) {
                run.total.set(phones);
            }

            @Override
            public void phoneDone(String phone, PhoneOutcome outcome) {
                switch (outcome) {
                    case PhoneOutcome.Verified v -> {
                        run.problems.remove(phone);
                        run.verified.incrementAndGet();
                        run.done.incrementAndGet();
                    }
                    case PhoneOutcome.Deferred d -> run.problems.put(phone, new JobTracker.Problem(phone, false,
                            d.reason()));
                    case PhoneOutcome.Failed f -> {
                        run.failed.incrementAndGet();
                        run.done.incrementAndGet();
                        run.problems.put(phone, new JobTracker.Problem(phone, true, f.reason()));
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

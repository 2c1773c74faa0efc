package org.phonecontroller.daemon.jobs;

import java.util.ArrayList;
import java.util.List;
import org.phonecontroller.daemon.discovery.DiscoveryService;
import org.phonecontroller.daemon.discovery.ScanProgress;
import org.phonecontroller.daemon.failover.RangePlan;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

/** Discovery of one range ({@code scan-<range>}) or of every range (the cron job {@code scan-all}). */
@DisallowConcurrentExecution
final class ScanJob extends TrackedJob {

    static final String RANGE = "range";
    static final String ALL = "*";

    ScanJob(JobServices services, JobTracker tracker) {
        super(services, tracker);
    }

    @Override
    void run(JobExecutionContext context, JobTracker.Run run) throws JobExecutionException, InterruptedException {
        String range = context.getMergedJobDataMap().getString(RANGE);
        List<RangePlan> plans = new ArrayList<>();
        if (ALL.equals(range)) {
            plans.addAll(services.plans());
        } else {
            plans.add(services.plan(range).orElseThrow(() -> new JobExecutionException(
                    "range '" + range + "' is no longer configured")));
        }
        for (RangePlan plan : plans) {
            DiscoveryService discovery;
            do { // a scan a reload cut short runs again with the new runtime's discovery
                discovery = services.discovery();
                discovery.scan(services.plan(plan.name()).orElse(plan), progress(run));
            } while (discovery.stopping() && services.discovery() != discovery);
        }
        services.targets().evaluate();
    }

    static ScanProgress progress(JobTracker.Run run) {
        return new ScanProgress() {
            @Override
            public void planned(long addresses) {
                run.total.addAndGet(addresses);
                run.changed();
            }

            @Override
            public void swept(long addresses) {
                run.done.addAndGet(addresses);
            }

            @Override
            public void addressDone(boolean phoneFound) {
                run.done.incrementAndGet();
                if (phoneFound) {
                    run.verified.incrementAndGet();
                }
                run.changed();
            }
        };
    }
}

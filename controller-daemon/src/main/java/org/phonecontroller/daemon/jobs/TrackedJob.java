package org.phonecontroller.daemon.jobs;

import org.quartz.InterruptableJob;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A job whose run is visible in the {@link JobTracker} and which logs its own failure once. */
abstract class TrackedJob implements InterruptableJob {

    private static final Logger log = LoggerFactory.getLogger(TrackedJob.class);

    final JobServices services;
    final JobTracker tracker;
    private volatile Thread runner;

    TrackedJob(JobServices services, JobTracker tracker) {
        this.services = services;
        this.tracker = tracker;
    }

    @Override
    public final void execute(JobExecutionContext context) throws JobExecutionException {
        String name = context.getJobDetail().getKey().getName();
        JobTracker.Run run = tracker.start(name, context.getFireTime().toInstant());
        runner = Thread.currentThread();
        try {
            if (context.isRecovering()) {
                log.info("Job {} resumes after a restart", name);
            }
            run(context, run);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.failure = "interrupted (the daemon is stopping)";
        } catch (JobExecutionException | RuntimeException e) {
            run.failure = e.getMessage();
            log.error("Job {} failed", name, e);
            throw e instanceof JobExecutionException j ? j : new JobExecutionException(e);
        } finally {
            tracker.finish(run, java.time.Instant.now());
            runner = null;
        }
    }

    abstract void run(JobExecutionContext context, JobTracker.Run run)
            throws JobExecutionException, InterruptedException;

    @Override
    public void interrupt() {
        Thread thread = runner;
        if (thread != null) {
            thread.interrupt();
        }
    }
}

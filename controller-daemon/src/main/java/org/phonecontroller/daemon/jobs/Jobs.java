package org.phonecontroller.daemon.jobs;

import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;
import org.phonecontroller.daemon.storage.Dialect;
import org.phonecontroller.daemon.storage.Jdbc;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.spi.JobFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's Quartz scheduler: a JDBC job store (JobStoreTX) in the inventory database, so scans, failovers and
 * failbacks survive a restart ({@code requestsRecovery}). One-shot jobs have idempotent names — {@code scan-<range>},
 * {@code failover-<range>}, {@code failback-<range>} — so asking twice while one waits or runs starts it once.
 * Detection stays out of Quartz (see {@link org.phonecontroller.daemon.health.HealthMonitor}).
 */
public final class Jobs implements AutoCloseable {

    /** Whether the scheduler shares its job store with other nodes (cluster mode, PostgreSQL only). */
    public enum Mode {
        SINGLE_NODE, CLUSTERED
    }

    private static final Logger log = LoggerFactory.getLogger(Jobs.class);
    private static final String GROUP = "phonecontroller";
    private static final String CRON_TRIGGER = "scan-schedule";

    private final Scheduler scheduler;
    private final JobTracker tracker;

    private Jobs(Scheduler scheduler, Jdbc jdbc) throws SchedulerException {
        this.scheduler = scheduler;
        this.tracker = new JobTracker(jdbc, scheduler.getSchedulerInstanceId());
    }

    /** As {@link #create(DataSource, Dialect, Mode, Duration, JobServices)} with Quartz's default check-in. */
    public static Jobs create(DataSource dataSource, Dialect dialect, Mode mode, JobServices services) {
        return create(dataSource, dialect, mode, Duration.ofMillis(7500), services);
    }

    /**
     * Creates the scheduler on {@code dataSource}; call {@link #start()} once the daemon is wired.
     *
     * @param checkinInterval cluster mode: how often this node checks in; another node declares it dead (and
     *                        recovers its jobs) once it has been silent for this interval plus 7.5 s
     */
    public static Jobs create(DataSource dataSource, Dialect dialect, Mode mode, Duration checkinInterval,
                              JobServices services) {
        if (mode == Mode.CLUSTERED && dialect != Dialect.POSTGRESQL) {
            throw new IllegalArgumentException("cluster mode needs PostgreSQL; H2 is for one node only");
        }
        String dataSourceName = "inventory";
        DBConnectionManager.getInstance().addConnectionProvider(dataSourceName, new ConnectionProvider() {
            @Override
            public java.sql.Connection getConnection() throws java.sql.SQLException {
                return dataSource.getConnection();
            }

            @Override
            public void shutdown() {
                // the pool belongs to the Database
            }

            @Override
            public void initialize() {
            }
        });
        Properties properties = new Properties();
        properties.setProperty("org.quartz.scheduler.instanceName", "PhoneController");
        properties.setProperty("org.quartz.scheduler.instanceId", mode == Mode.CLUSTERED ? "AUTO" : "single-node");
        properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        properties.setProperty("org.quartz.threadPool.threadCount", "8");
        properties.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        properties.setProperty("org.quartz.jobStore.driverDelegateClass", dialect.quartzDelegate());
        properties.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
        properties.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        properties.setProperty("org.quartz.jobStore.useProperties", "true");
        properties.setProperty("org.quartz.jobStore.isClustered", Boolean.toString(mode == Mode.CLUSTERED));
        properties.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        properties.setProperty("org.quartz.jobStore.clusterCheckinInterval",
                Long.toString(checkinInterval.toMillis()));
        // Nodes poll for triggers another node stored (a recovered job, a failover asked on another node's API).
        properties.setProperty("org.quartz.scheduler.idleWaitTime", "5000");
        properties.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        try {
            Scheduler scheduler = new StdSchedulerFactory(properties).getScheduler();
            var jobs = new Jobs(scheduler, new Jdbc(dataSource));
            scheduler.setJobFactory(jobs.factory(services));
            return jobs;
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot create the job scheduler: " + e.getMessage(), e);
        }
    }

    private JobFactory factory(JobServices services) {
        RangeLocks locks = new RangeLocks();
        return (bundle, unused) -> {
            Class<? extends Job> type = bundle.getJobDetail().getJobClass();
            if (type == ScanJob.class) {
                return new ScanJob(services, tracker);
            }
            if (type == ReconcileJob.class) {
                return new ReconcileJob(services, tracker, locks);
            }
            throw new SchedulerException("unknown job class " + type.getName());
        };
    }

    /** This node's id: {@code single-node}, or in cluster mode the id Quartz generated (host name and start time). */
    public String instanceId() {
        try {
            return scheduler.getSchedulerInstanceId();
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot read the scheduler's instance id: " + e.getMessage(), e);
        }
    }

    public JobTracker tracker() {
        return tracker;
    }

    /** Starts running jobs (and recovers those a crash interrupted). */
    public void start() {
        try {
            scheduler.start();
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot start the job scheduler: " + e.getMessage(), e);
        }
    }

    /** Schedules (or reschedules) the periodic scan of every range. */
    public void scheduleScans(String cron) {
        JobDetail job = JobBuilder.newJob(ScanJob.class).withIdentity("scan-all", GROUP).storeDurably()
                .requestRecovery().usingJobData(ScanJob.RANGE, ScanJob.ALL).build();
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(CRON_TRIGGER, GROUP).forJob(job)
                .withSchedule(CronScheduleBuilder.cronSchedule(cron).withMisfireHandlingInstructionDoNothing())
                .build();
        TriggerKey key = TriggerKey.triggerKey(CRON_TRIGGER, GROUP);
        try {
            if (scheduler.getTrigger(key) instanceof CronTrigger existing && existing.getCronExpression().equals(cron)
                    && scheduler.checkExists(job.getKey())) {
                return; // another node (or an earlier start) scheduled the same: keep its next fire time
            }
            scheduler.addJob(job, true);
            if (scheduler.checkExists(key)) {
                scheduler.rescheduleJob(key, trigger);
            } else {
                try {
                    scheduler.scheduleJob(trigger);
                } catch (ObjectAlreadyExistsException e) {
                    scheduler.rescheduleJob(key, trigger); // another node started at the same moment
                }
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot schedule scans '" + cron + "': " + e.getMessage(), e);
        }
    }

    /** Discovery of one range now; returns the job's name. */
    public String scanNow(String range) {
        return oneShot(JobBuilder.newJob(ScanJob.class).withIdentity("scan-" + range, GROUP)
                .usingJobData(ScanJob.RANGE, range));
    }

    /** Reconciles a range towards its current desired target ({@code failover-<range>}). */
    public String reconcile(String range) {
        return oneShot(JobBuilder.newJob(ReconcileJob.class).withIdentity("failover-" + range, GROUP)
                .usingJobData(ReconcileJob.RANGE, range));
    }

    /** Rescan, flip to PRIMARY, reconcile ({@code failback-<range>}). */
    public String failback(String range, boolean force, String why) {
        return oneShot(JobBuilder.newJob(ReconcileJob.class).withIdentity("failback-" + range, GROUP)
                .usingJobData(ReconcileJob.RANGE, range).usingJobData(ReconcileJob.FAILBACK, "true")
                .usingJobData(ReconcileJob.FORCE, Boolean.toString(force)).usingJobData(ReconcileJob.WHY, why));
    }

    /** True while a job of that name waits or runs. */
    public boolean pending(String jobName) {
        try {
            return scheduler.checkExists(JobKey.jobKey(jobName, GROUP));
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot look up job " + jobName + ": " + e.getMessage(), e);
        }
    }

    private String oneShot(JobBuilder builder) {
        JobDetail job = builder.requestRecovery().build();
        String name = job.getKey().getName();
        Trigger now = TriggerBuilder.newTrigger().withIdentity(name, GROUP).forJob(job).startNow().build();
        try {
            scheduler.scheduleJob(job, now);
            log.debug("Job {} scheduled", name);
        } catch (ObjectAlreadyExistsException e) {
            log.debug("Job {} already waits or runs; not scheduled twice", name);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot schedule job " + name + ": " + e.getMessage(), e);
        }
        return name;
    }

    /**
     * Stops after the running jobs end (stop the reconciler and discovery first, so they end soon); waiting jobs stay
     * stored for the next start. Jobs are not interrupted: an interrupt during H2's file I/O closes the database.
     */
    @Override
    public void close() {
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            log.error("Job scheduler did not stop cleanly", e);
        } finally {
            tracker.close();
        }
    }
}

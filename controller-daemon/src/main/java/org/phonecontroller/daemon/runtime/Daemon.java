package org.phonecontroller.daemon.runtime;

import org.phonecontroller.daemon.adapters.ProtocolFactory;
import org.phonecontroller.daemon.adapters.ProbeFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.phonecontroller.config.ConfigLoadResult;
import org.phonecontroller.config.ConfigLoader;
import org.phonecontroller.config.ControllerConfig;
import org.phonecontroller.config.Credentials;
import org.phonecontroller.daemon.discovery.DiscoveryService;
import org.phonecontroller.daemon.discovery.ScanPolicy;
import org.phonecontroller.daemon.events.Event;
import org.phonecontroller.daemon.events.EventKind;
import org.phonecontroller.daemon.events.EventLog;
import org.phonecontroller.daemon.events.EventStore;
import org.phonecontroller.daemon.failover.DesiredTargets;
import org.phonecontroller.daemon.failover.FailoverPolicy;
import org.phonecontroller.daemon.failover.FailoverReconciler;
import org.phonecontroller.daemon.failover.RangePlan;
import org.phonecontroller.daemon.health.HealthMonitor;
import org.phonecontroller.daemon.health.HealthState;
import org.phonecontroller.daemon.health.HealthView;
import org.phonecontroller.daemon.inventory.PhoneInventory;
import org.phonecontroller.daemon.inventory.PhoneManagerStates;
import org.phonecontroller.daemon.inventory.RangeState;
import org.phonecontroller.daemon.inventory.RangeTarget;
import org.phonecontroller.daemon.inventory.Target;
import org.phonecontroller.daemon.jobs.JobServices;
import org.phonecontroller.daemon.jobs.Jobs;
import org.phonecontroller.daemon.storage.Database;
import org.phonecontroller.daemon.storage.DatabaseSettings;
import org.phonecontroller.daemon.storage.InstanceLock;
import org.phonecontroller.daemon.storage.StorageException;
import org.phonecontroller.daemon.time.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running daemon: inventory, health monitor, failover decisions, reconciler, discovery and jobs, wired from one
 * configuration file. {@link #start} brings it up (probing starts at once, a scan of every range is queued, unfinished
 * work of a previous run resumes); {@link #close} stops it cleanly: no new pushes, the phones in flight finish and
 * are stored, jobs are left to resume, the database is closed and the instance lock released.
 */
public final class Daemon implements AutoCloseable {

    /**
     * How to run.
     *
     * @param configFile the configuration file
     * @param logsFolder where events.jsonl goes (phonecontroller.log is Logback's, see DaemonLogging)
     * @param probes     builds health probes
     * @param protocols  builds phone protocols (owned and closed by the daemon)
     * @param time       time
     * @param sweepEvery how often the level-triggered checks run (decisions, unfinished work)
     */
    public record Options(Path configFile, Path logsFolder, ProbeFactory probes, ProtocolFactory protocols,
                          TimeSource time, Duration sweepEvery) {
    }

    private static final Logger log = LoggerFactory.getLogger(Daemon.class);
    /** How often the sweep looks for unfinished work when nothing happened (failed phones wait 60 s anyway). */
    static final Duration WORK_CHECK_EVERY = Duration.ofSeconds(15);

    private final Options options;
    private final Optional<InstanceLock> lock;
    private final Database database;
    private final EventLog events;
    private final PhoneInventory inventory;
    private final RangeState ranges;
    private final PhoneManagerStates phoneManagerStates;
    private final Jobs jobs;
    private final DesiredTargets targets;
    private final ScheduledExecutorService healthScheduler;
    private final ScheduledExecutorService sweepScheduler;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Instant startedAt;
    private volatile ControllerConfig config;
    private volatile Map<String, RangePlan> plans;
    private volatile HealthWiring health;
    private volatile FailoverReconciler reconciler;
    private volatile DiscoveryService discovery;
    private volatile boolean closed;
    /** Something happened (any event): the next sweep looks for unfinished work at once. */
    private volatile boolean workCheckWanted = true;
    private volatile Instant nextWorkCheck = Instant.MIN;

    private Daemon(Options options, ControllerConfig config, Credentials credentials, Optional<InstanceLock> lock,
                   Database database) {
        this.options = options;
        this.config = config;
        this.lock = lock;
        this.database = database;
        this.startedAt = options.time().now();
        this.events = new EventLog(options.logsFolder().resolve("events.jsonl"), new EventStore(database.jdbc()));
        events.afterEach(event -> workCheckWanted = true);
        this.inventory = new PhoneInventory(database.jdbc());
        this.ranges = new RangeState(database.jdbc());
        this.phoneManagerStates = new PhoneManagerStates(database.jdbc());
        this.plans = RangePlans.of(config, credentials, options.protocols());
        this.reconciler = reconciler(config);
        this.discovery = new DiscoveryService(inventory, ScanPolicy.of(config.scan()), options.time(), events);
        this.jobs = Jobs.create(database.dataSource(), database.dialect(), jobsMode(database),
                config.storage().clusterCheckinInterval(), new Services());
        this.targets = new DesiredTargets(ranges, () -> plans.values(), new CurrentHealth(),
                config.failover().failback(), config.failover().automaticFailbackAfter(), options.time().clock(),
                events, new DesiredTargets.Actions() {
                    @Override
                    public void reconcile(String range) {
                        jobs.reconcile(range);
                    }

                    @Override
                    public void failback(String range, String why) {
                        jobs.failback(range, false, why);
                    }
                });
        this.health = HealthWiring.of(config, options.probes(), options.time(), events, phoneManagerStates, targets);
        this.healthScheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("health-probes").daemon().factory());
        this.sweepScheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("reconcile-sweep").daemon().factory());
    }

    /** Loads the configuration and starts everything; fails with every problem when it cannot. */
    public static Daemon start(Options options) throws DaemonStartException {
        ConfigLoadResult loaded = new ConfigLoader().load(options.configFile());
        if (loaded instanceof ConfigLoadResult.Invalid invalid) {
            List<String> problems = invalid.problems().stream().map(Object::toString).toList();
            throw new DaemonStartException("the configuration has " + problems.size() + " problem(s)", problems,
                    null);
        }
        var valid = (ConfigLoadResult.Valid) loaded;
        ControllerConfig config = valid.config();
        Optional<InstanceLock> lock;
        Database database;
        try {
            lock = InstanceLock.acquire(config.storage().url());
        } catch (StorageException e) {
            throw new DaemonStartException(e.getMessage(), List.of(), e);
        }
        try {
            database = Database.open(DatabaseSettings.of(config.storage().url())
                    .withLogin(config.storage().user(), valid.credentials().storagePassword()));
        } catch (StorageException e) {
            lock.ifPresent(InstanceLock::close);
            throw new DaemonStartException(e.getMessage(), List.of(), e);
        }
        Daemon daemon;
        try {
            daemon = new Daemon(options, config, valid.credentials(), lock, database);
        } catch (RuntimeException e) {
            database.close();
            lock.ifPresent(InstanceLock::close);
            throw new DaemonStartException("cannot start: " + e.getMessage(), List.of(), e);
        }
        daemon.run();
        return daemon;
    }

    /** PostgreSQL is shared on purpose (cluster mode, one node or more); H2 is one node only (see InstanceLock). */
    private static Jobs.Mode jobsMode(Database database) {
        return database.dialect() == org.phonecontroller.daemon.storage.Dialect.POSTGRESQL
                ? Jobs.Mode.CLUSTERED : Jobs.Mode.SINGLE_NODE;
    }

    private void run() {
        for (RangePlan plan : plans.values()) {
            ranges.ensure(plan.name(), options.time().now());
        }
        // probes first: a PhoneManager that is down at start-up is seen as early as possible (Quartz keeps the jobs
        // the first results may ask for until it starts, a moment later)
        health.monitor.start(healthScheduler, config.probe().interval());
        jobs.start();
        jobs.scheduleScans(config.scan().schedule());
        sweepScheduler.scheduleWithFixedDelay(this::sweep, options.sweepEvery().toMillis(),
                options.sweepEvery().toMillis(), TimeUnit.MILLISECONDS);
        for (RangePlan plan : plans.values()) {
            jobs.scanNow(plan.name());
        }
        events.emit(Event.general(options.time().now(), EventKind.DAEMON_STARTED, "configuration "
                + config.source() + ": " + config.phoneManagers().size() + " PhoneManager(s), " + plans.size()
                + " range(s), storage " + org.phonecontroller.daemon.storage.Dialect.redact(config.storage().url())));
    }

    private FailoverReconciler reconciler(ControllerConfig config) {
        return new FailoverReconciler(inventory, ranges, FailoverPolicy.of(config.failover()), options.time(), events,
                () -> health != null && health.monitor.isolated(), () -> jobs.instanceId(),
                jobsMode(database) == Jobs.Mode.CLUSTERED);
    }

    /**
     * Level-triggered safety net: decisions again, and a reconcile job for every range with work left. Looking for
     * work reads every phone of every range, so it runs right after something happened (an event: a scan ended, a
     * target flipped, a phone failed, ...) and otherwise once per {@link #WORK_CHECK_EVERY} — at idle the daemon
     * would spend most of its CPU on it.
     */
    private void sweep() {
        try {
            targets.evaluate();
            Instant now = options.time().now();
            if (!workCheckWanted && now.isBefore(nextWorkCheck)) {
                return;
            }
            workCheckWanted = false;
            nextWorkCheck = now.plus(WORK_CHECK_EVERY);
            for (RangePlan plan : plans.values()) {
                RangeTarget target = ranges.ensure(plan.name(), now);
                if (inventory.needsWork(plan.name(), plan.assignmentFor(target.desired()), now.minusSeconds(60),
                        target.desired() == Target.FALLBACK)) {
                    jobs.reconcile(plan.name());
                }
            }
        } catch (RuntimeException e) {
            log.error("Reconcile sweep failed; it runs again in {}", options.sweepEvery(), e);
        }
    }

    /** Blocks until {@link #close()} ran. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    public ControllerConfig config() {
        return config;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public HealthMonitor health() {
        return health.monitor;
    }

    public DesiredTargets targets() {
        return targets;
    }

    public Jobs jobs() {
        return jobs;
    }

    public PhoneInventory inventory() {
        return inventory;
    }

    /** The daemons sharing this one's database (just this one on H2), and the jobs each runs. */
    public List<org.phonecontroller.daemon.jobs.ClusterNode> clusterNodes() {
        return new org.phonecontroller.daemon.jobs.ClusterNodes(database.jdbc(), jobs.instanceId()).nodes();
    }

    public RangeState ranges() {
        return ranges;
    }

    public EventStore eventStore() {
        return new EventStore(database.jdbc());
    }

    public EventLog events() {
        return events;
    }

    public Optional<RangePlan> plan(String range) {
        return Optional.ofNullable(plans.get(range));
    }

    public Collection<RangePlan> plans() {
        return plans.values();
    }

    /** Swaps in a reloaded configuration (see {@link ConfigReloader}); returns what changed. */
    synchronized List<String> apply(ControllerConfig next, Credentials credentials) {
        ControllerConfig previous = config;
        List<String> changes = new ArrayList<>(ConfigDifference.between(previous, next));
        plans = RangePlans.of(next, credentials, options.protocols());
        if (!previous.phoneManagers().equals(next.phoneManagers()) || !previous.probe().equals(next.probe())) {
            HealthWiring old = health;
            health = HealthWiring.of(next, options.probes(), options.time(), events, phoneManagerStates, targets);
            old.close();
            health.monitor.start(healthScheduler, next.probe().interval());
        }
        if (!previous.failover().equals(next.failover())) {
            reconciler = reconciler(next);
            targets.failbackPolicy(next.failover().failback(), next.failover().automaticFailbackAfter());
        }
        if (!previous.scan().equals(next.scan())) {
            discovery = new DiscoveryService(inventory, ScanPolicy.of(next.scan()), options.time(), events);
            jobs.scheduleScans(next.scan().schedule());
        }
        for (RangePlan plan : plans.values()) {
            ranges.ensure(plan.name(), options.time().now());
        }
        config = next;
        targets.evaluate();
        return changes;
    }

    /** Stops cleanly; safe to call twice (the shutdown hook and a test). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        log.info("Stopping: no new pushes; phones in flight finish and are stored");
        // No thread is interrupted: an interrupt in the middle of H2's file I/O closes the whole database.
        sweepScheduler.shutdown();
        health.close();
        healthScheduler.shutdown();
        reconciler.stop();
        discovery.stop();
        awaitQuietly(sweepScheduler);
        awaitQuietly(healthScheduler);
        jobs.close();
        options.protocols().close();
        events.emit(Event.general(options.time().now(), EventKind.DAEMON_STOPPED, "stopped cleanly"));
        events.close();
        database.close();
        lock.ifPresent(InstanceLock::close);
        stopped.countDown();
    }

    private static void awaitQuietly(ScheduledExecutorService scheduler) {
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("A scheduler did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The health of the current monitor (it is rebuilt when PhoneManagers or probe settings change). */
    private final class CurrentHealth implements HealthView {
        @Override
        public HealthState state(String phoneManager) {
            return health.monitor.state(phoneManager);
        }

        @Override
        public Instant since(String phoneManager) {
            return health.monitor.since(phoneManager);
        }

        @Override
        public boolean isolated() {
            return health.monitor.isolated();
        }
    }

    /** What the jobs use: always the current pieces. */
    private final class Services implements JobServices {
        @Override
        public Optional<RangePlan> plan(String range) {
            return Daemon.this.plan(range);
        }

        @Override
        public Collection<RangePlan> plans() {
            return Daemon.this.plans();
        }

        @Override
        public FailoverReconciler reconciler() {
            return reconciler;
        }

        @Override
        public DiscoveryService discovery() {
            return discovery;
        }

        @Override
        public DesiredTargets targets() {
            return targets;
        }
    }
}

package org.phonecontroller.daemon;

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
import org.phonecontroller.daemon.config.KnownProfiles;
import org.phonecontroller.config.ControllerConfig;
import org.phonecontroller.config.Credentials;
import org.phonecontroller.daemon.discovery.DiscoveryPipeline;
import org.phonecontroller.daemon.discovery.DiscoveryService;
import org.phonecontroller.daemon.discovery.RangeScanLocks;
import org.phonecontroller.daemon.discovery.ScanPolicy;
import org.phonecontroller.daemon.events.Event;
import org.phonecontroller.daemon.events.EventKind;
import org.phonecontroller.daemon.events.EventLog;
import org.phonecontroller.daemon.events.EventStore;
import org.phonecontroller.daemon.failover.DesiredTargets;
import org.phonecontroller.daemon.failover.FailoverPolicy;
import org.phonecontroller.daemon.failover.FailoverReconciler;
import org.phonecontroller.daemon.failover.PushBudget;
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
    // provisioning (issue #14): the server and the provisioning:<profile> protocols; the assembler takes these over
    private final Optional<org.phonecontroller.daemon.provisioning.Provisioning> provisioning;
    private final ProtocolFactory protocols;
    private final ScheduledExecutorService healthScheduler;
    private final ScheduledExecutorService sweepScheduler;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Instant startedAt;
    private volatile ControllerConfig config;
    private volatile Map<String, RangePlan> plans;
    private volatile HealthWiring health;
    private volatile FailoverReconciler reconciler;
    private volatile DiscoveryService discovery;
    /** Kept across reloads: two scans of one range never run at once, even across a reload. */
    private final RangeScanLocks scanLocks = new RangeScanLocks();
    // --- registrar views (issue #15): created with the runtime, started in run(), stopped in close() ---
    private volatile org.phonecontroller.daemon.registrar.RegistrarViews registrarViews;
    private volatile boolean closed;
    // notify (issue #16): the receivers of notify:, fed by the event log; reload and close below
    private final org.phonecontroller.daemon.notify.Notifier notifier;
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
        this.notifier = new org.phonecontroller.daemon.notify.Notifier(config.receivers(), credentials, // notify
                this::snapshot);
        events.subscribe(notifier); // notify
        this.inventory = new PhoneInventory(database.jdbc());
        this.ranges = new RangeState(database.jdbc());
        this.phoneManagerStates = new PhoneManagerStates(database.jdbc());
        // provisioning (issue #14) -- begin: started before the plans, whose provisioning protocols use it
        this.provisioning = org.phonecontroller.daemon.provisioning.Provisioning.start(config, credentials,
                ranges::find, options.time(), fetch -> inventory.learnFromFetch(fetch.phone(), fetch.device().mac(),
                        fetch.device().model(), fetch.device().firmware()));
        this.protocols = new org.phonecontroller.daemon.provisioning.ProvisioningProtocols(options.protocols(),
                () -> provisioning);
        // provisioning (issue #14) -- end
        this.plans = RangePlans.of(config, credentials, protocols);
        this.registrarViews = registrarViews(config, credentials); // registrar views (issue #15)
        this.reconciler = reconciler(config);
        this.discovery = discovery(config);
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
        this.health = HealthWiring.of(config, credentials, options.probes(), options.time(), events,
                phoneManagerStates, targets);
        this.healthScheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("health-probes").daemon().factory());
        this.sweepScheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("reconcile-sweep").daemon().factory());
    }

    /** Loads the configuration and starts everything; fails with every problem when it cannot. */
    public static Daemon start(Options options) throws DaemonStartException {
        ConfigLoadResult loaded = KnownProfiles.loader().load(options.configFile());
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
        registrarViews.start(); // registrar views (issue #15)
        jobs.start();
        jobs.scheduleScans(config.scan().schedule());
        sweepScheduler.scheduleWithFixedDelay(this::sweep, options.sweepEvery().toMillis(),
                options.sweepEvery().toMillis(), TimeUnit.MILLISECONDS);
        for (RangePlan plan : plans.values()) {
            jobs.scanNow(plan.name());
        }
        events.emit(Event.general(options.time().now(), EventKind.DAEMON_STARTED, "configuration "
                + config.source() + ": " + config.phoneManagers().size() + " PhoneManager(s), " + plans.size()
                + " range(s), storage " + org.phonecontroller.daemon.storage.Dialect.redact(config.storage().url())
                + "; " + snapshot().summary())); // notify: the state, for receivers that missed events
    }

    /** notify: the state of every PhoneManager and range, which DAEMON_STARTED carries. */
    private org.phonecontroller.daemon.notify.ControllerSnapshot snapshot() {
        var pms = health.monitor.snapshots().stream().map(h -> new org.phonecontroller.daemon.notify
                .ControllerSnapshot.PhoneManager(h.phoneManager(), h.state().name(), h.since())).toList();
        // reads only (it runs while the event log holds its lock): run() ensured every range's row before
        var rs = plans.values().stream().flatMap(p -> ranges.find(p.name()).stream()).map(t -> new org
                .phonecontroller.daemon.notify.ControllerSnapshot.Range(t.range(), t.desired().name(), t.reason(),
                t.changedAt())).toList();
        return new org.phonecontroller.daemon.notify.ControllerSnapshot(pms, rs);
    }

    private FailoverReconciler reconciler(ControllerConfig config) {
        FailoverPolicy policy = FailoverPolicy.of(config.failover());
        boolean clustered = jobsMode(database) == Jobs.Mode.CLUSTERED;
        // cluster mode: one push budget per PhoneManager for all nodes (in the database), not one per node
        PushBudget budget = clustered ? PushBudget.shared(database.dataSource(), policy.maxPerSecond())
                : PushBudget.local(policy.maxPerSecond(), options.time());
        return new FailoverReconciler(inventory, ranges, policy, options.time(), events,
                () -> health != null && health.monitor.isolated(), () -> jobs.instanceId(), clustered,
                new CurrentRegistrations(), budget);
    }

    /** Registrar views (issue #15): one reader per PhoneManager with {@code registrar:}. */
    private org.phonecontroller.daemon.registrar.RegistrarViews registrarViews(ControllerConfig config,
                                                                              Credentials credentials) {
        return new org.phonecontroller.daemon.registrar.RegistrarViews(config,
                org.phonecontroller.daemon.registrar.RegistrarClients.standard(credentials, options.time()),
                options.time());
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
                        target.desired() == Target.FALLBACK, now.minus(registrarViews.longestWatch()))) {
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

    /** The provisioning server, when configured (issue #14). */
    public Optional<org.phonecontroller.daemon.provisioning.Provisioning> provisioning() {
        return provisioning;
    }

    /** The PhoneManagers' registrar views (issue #15). */
    public org.phonecontroller.daemon.registrar.RegistrarViews registrarViews() {
        return registrarViews;
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

    private DiscoveryService discovery(ControllerConfig c) {
        ScanPolicy policy = ScanPolicy.of(c.scan());
        return new DiscoveryService(inventory, policy, options.time(), events, new DiscoveryPipeline(options.protocols().discoverySweep(), policy.sweep()),
                scanLocks);
    }

    /** Swaps in a reloaded configuration (see {@link ConfigReloader}); returns what changed. */
    synchronized List<String> apply(ControllerConfig next, Credentials credentials) {
        ControllerConfig previous = config;
        List<String> changes = new ArrayList<>(ConfigDifference.between(previous, next));
        plans = RangePlans.of(next, credentials, protocols);
        if (!previous.phoneManagers().equals(next.phoneManagers()) || !previous.probe().equals(next.probe())) {
            HealthWiring old = health;
            health = HealthWiring.of(next, credentials, options.probes(), options.time(), events,
                    phoneManagerStates, targets);
            old.close();
            health.monitor.start(healthScheduler, next.probe().interval());
            // registrar views (issue #15): rebuilt with the PhoneManagers; the reconciler asks the current ones
            var oldViews = registrarViews;
            registrarViews = registrarViews(next, credentials);
            oldViews.stop();
            registrarViews.start();
        }
        if (!previous.failover().equals(next.failover())) {
            reconciler = reconciler(next);
            targets.failbackPolicy(next.failover().failback(), next.failover().automaticFailbackAfter());
        }
        if (!previous.scan().equals(next.scan())) {
            discovery = discovery(next);
            jobs.scheduleScans(next.scan().schedule());
        }
        for (RangePlan plan : plans.values()) {
            ranges.ensure(plan.name(), options.time().now());
        }
        notifier.reconfigure(next.receivers(), credentials); // notify: unchanged receivers keep their queues
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
        registrarViews.stop(); // registrar views (issue #15)
        health.close();
        healthScheduler.shutdown();
        reconciler.stop();
        discovery.stop();
        awaitQuietly(sweepScheduler);
        awaitQuietly(healthScheduler);
        jobs.close();
        provisioning.ifPresent(org.phonecontroller.daemon.provisioning.Provisioning::close); // issue #14
        options.protocols().close();
        events.emit(Event.general(options.time().now(), EventKind.DAEMON_STOPPED, "stopped cleanly"));
        notifier.close(); // notify: up to 5 s for what the receivers still hold
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

    /** The current registrar views (issue #15; they are rebuilt when PhoneManagers change). */
    private final class CurrentRegistrations implements org.phonecontroller.daemon.failover.Registrations {
        @Override
        public boolean hasView(String phoneManager) {
            return registrarViews.hasView(phoneManager);
        }

        @Override
        public Registration lookup(String phoneManager, String address) {
            return registrarViews.lookup(phoneManager, address);
        }

        @Override
        public Optional<Instant> knownAt(String phoneManager) {
            return registrarViews.knownAt(phoneManager);
        }

        @Override
        public Duration deadline(String phoneManager) {
            return registrarViews.deadline(phoneManager);
        }

        @Override
        public Duration patience(String phoneManager) {
            return registrarViews.patience(phoneManager);
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

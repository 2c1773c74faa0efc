package org.phonecontroller.daemon.runtime;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.phonecontroller.config.ConfigLoadResult;
import org.phonecontroller.daemon.config.KnownProfiles;
import org.phonecontroller.daemon.discovery.RangeScanLocks;
import org.phonecontroller.daemon.provisioning.Provisioning;
import org.phonecontroller.config.ControllerConfig;
import org.phonecontroller.config.Credentials;
import org.phonecontroller.daemon.adapters.ProbeFactory;
import org.phonecontroller.daemon.adapters.ProtocolFactory;
import org.phonecontroller.daemon.admin.AdminServer;
import org.phonecontroller.daemon.admin.AdminServerRefused;
import org.phonecontroller.daemon.admin.AdminServerSettings;
import org.phonecontroller.daemon.admin.ControllerMetrics;
import org.phonecontroller.daemon.discovery.DiscoveryService;
import org.phonecontroller.daemon.events.Event;
import org.phonecontroller.daemon.events.EventKind;
import org.phonecontroller.daemon.events.EventLog;
import org.phonecontroller.daemon.events.EventStore;
import org.phonecontroller.daemon.failover.DesiredTargets;
import org.phonecontroller.daemon.failover.FailoverReconciler;
import org.phonecontroller.daemon.failover.RangePlan;
import org.phonecontroller.daemon.health.HealthMonitor;
import org.phonecontroller.daemon.inventory.PhoneInventory;
import org.phonecontroller.daemon.inventory.PhoneManagerStates;
import org.phonecontroller.daemon.inventory.RangeState;
import org.phonecontroller.daemon.jobs.ClusterNode;
import org.phonecontroller.daemon.jobs.ClusterNodes;
import org.phonecontroller.daemon.jobs.JobServices;
import org.phonecontroller.daemon.jobs.Jobs;
import org.phonecontroller.daemon.notify.ControllerSnapshot;
import org.phonecontroller.daemon.notify.Notifier;
import org.phonecontroller.daemon.storage.Database;
import org.phonecontroller.daemon.storage.DatabaseSettings;
import org.phonecontroller.daemon.storage.Dialect;
import org.phonecontroller.daemon.storage.InstanceLock;
import org.phonecontroller.daemon.storage.StorageException;
import org.phonecontroller.daemon.time.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running daemon. It holds what lives as long as the process (the instance lock, the database, the event log,
 * the job scheduler, the admin API: the {@link Foundation}) and the current {@link DaemonRuntime}, which the
 * configuration determines and a reload replaces whole. {@link #start} brings it up (probing starts at once, a scan
 * of every range is queued, unfinished work of a previous run resumes); {@link #close} stops it cleanly: no new
 * pushes, the phones in flight finish and are stored, jobs are left to resume, the database is closed and the
 * instance lock released.
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
     * @param admin      serve the admin API (and {@code /metrics} from these metrics), as the configuration says
     */
    public record Options(Path configFile, Path logsFolder, ProbeFactory probes, ProtocolFactory protocols,
                          TimeSource time, Duration sweepEvery, Optional<ControllerMetrics> admin) {

        /** Without the admin API (tests, the lab). */
        public Options(Path configFile, Path logsFolder, ProbeFactory probes, ProtocolFactory protocols,
                       TimeSource time, Duration sweepEvery) {
            this(configFile, logsFolder, probes, protocols, time, sweepEvery, Optional.empty());
        }
    }

    private static final Logger log = LoggerFactory.getLogger(Daemon.class);
    /** How long a replaced runtime (or the last one, at a stop) may take to finish the work in progress. */
    static final Duration DRAIN = Duration.ofSeconds(30);

    private final Options options;
    private final Optional<InstanceLock> lock;
    private final Database database;
    private final Foundation base;
    private final ConfigReloader reloader;
    /** The receivers of {@code notify:}, fed by the event log; a reload reconfigures them (queues kept). */
    private final Notifier notifier;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Instant startedAt;
    /** One reload or stop at a time. */
    private final ReentrantLock lifecycle = new ReentrantLock();
    /** Held (write) while a runtime is replaced: the jobs wait for the new one instead of using the old one. */
    private final ReentrantReadWriteLock swap = new ReentrantReadWriteLock();
    private volatile DaemonRuntime runtime;
    private volatile Optional<AdminServer> admin = Optional.empty();
    private boolean closed;

    private Daemon(Options options, ControllerConfig config, Credentials credentials, Optional<InstanceLock> lock,
                   Database database) {
        this.options = options;
        this.lock = lock;
        this.database = database;
        this.startedAt = options.time().now();
        EventLog events = new EventLog(options.logsFolder().resolve("events.jsonl"), new EventStore(database.jdbc()));
        var somethingHappened = new AtomicBoolean(true);
        events.afterEach(event -> {
            if (ReconcileSweep.mayLeaveWork(event)) {
                somethingHappened.set(true);
            }
        });
        this.notifier = new Notifier(config.receivers(), credentials, this::snapshot);
        events.subscribe(notifier);
        boolean clustered = database.dialect() == Dialect.POSTGRESQL; // shared on purpose; H2 is one node only
        Jobs jobs = Jobs.create(database.dataSource(), database.dialect(),
                clustered ? Jobs.Mode.CLUSTERED : Jobs.Mode.SINGLE_NODE, config.storage().clusterCheckinInterval(),
                new CurrentServices());
        PhoneInventory inventory = new PhoneInventory(database.jdbc());
        RangeState ranges = new RangeState(database.jdbc());
        // the provisioning server (started before the runtime, whose provisioning:<profile> protocols use it; each
        // runtime serves its configuration's provisioned ranges from its start)
        Optional<Provisioning> provisioning;
        try {
            provisioning = Provisioning.start(config, credentials, ranges::find, options.time(),
                    fetch -> inventory.learnFromFetch(fetch.phone(), fetch.device().mac(), fetch.device().model(),
                            fetch.device().firmware()));
        } catch (RuntimeException e) {
            jobs.close();
            notifier.close();
            events.close();
            throw e;
        }
        this.base = new Foundation(options.time(), options.probes(),
                options.protocols(), events, inventory, ranges,
                new PhoneManagerStates(database.jdbc()), jobs, clustered, somethingHappened, options.sweepEvery(),
                database.dataSource(), new RangeScanLocks(), provisioning);
        try {
            this.runtime = new DaemonRuntime(config, credentials, base, Optional.empty());
        } catch (RuntimeException e) {
            provisioning.ifPresent(Provisioning::close);
            jobs.close();
            notifier.close();
            events.close();
            throw e;
        }
        this.reloader = new ConfigReloader(this, options.configFile());
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
        if (options.admin().isPresent()) {
            try {
                daemon.admin = Optional.of(AdminServer.start(AdminServerSettings.of(config.admin()),
                        new DaemonAdmin(daemon), options.admin().get(), new SecureRandom()));
            } catch (AdminServerRefused e) {
                daemon.close();
                throw new DaemonStartException("the admin API cannot start: " + e.getMessage(), List.of(), e);
            }
        }
        return daemon;
    }

    private void run() {
        // probes first: a PhoneManager that is down at start-up is seen as early as possible (Quartz keeps the jobs
        // the first results may ask for until it starts, a moment later)
        runtime.start(Optional.empty());
        base.jobs().start();
        for (RangePlan plan : runtime.plans()) {
            base.jobs().scanNow(plan.name());
        }
        ControllerConfig config = runtime.config();
        base.events().emit(Event.general(options.time().now(), EventKind.DAEMON_STARTED, "configuration "
                + config.source() + ": " + config.phoneManagers().size() + " PhoneManager(s), "
                + runtime.plans().size() + " range(s), storage " + Dialect.redact(config.storage().url())
                + "; " + snapshot().summary())); // the state, for receivers that missed events
    }

    /** The state of every PhoneManager and range (DAEMON_STARTED carries it for the notifiers); reads only. */
    private ControllerSnapshot snapshot() {
        DaemonRuntime current = runtime;
        if (current == null) {
            return new ControllerSnapshot(List.of(), List.of());
        }
        var pms = current.health.monitor.snapshots().stream().map(h -> new ControllerSnapshot.PhoneManager(
                h.phoneManager(), h.state().name(), h.since())).toList();
        var rs = current.plans().stream().flatMap(p -> base.ranges().find(p.name()).stream())
                .map(t -> new ControllerSnapshot.Range(t.range(), t.desired().name(), t.reason(), t.changedAt()))
                .toList();
        return new ControllerSnapshot(pms, rs);
    }

    /**
     * Replaces the runtime with one built from {@code next} (see {@link ConfigReloader}, which validated it): builds
     * the new runtime while the current one runs; if that fails, throws and the current one runs on untouched.
     * Otherwise stops and drains the current one, starts the new one with what survives handed over, and swaps.
     *
     * @return what changed, in words
     */
    List<String> replace(ControllerConfig next, Credentials credentials) {
        lifecycle.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the daemon is stopping");
            }
            DaemonRuntime current = runtime;
            if (current.config().equals(next) && current.credentials().equals(credentials)) {
                return List.of(); // nothing to rebuild: a reload of the same file does not disturb running work
            }
            List<String> changes = new ArrayList<>(ConfigDifference.between(current.config(), next));
            if (!current.credentials().equals(credentials)) {
                changes.add("credentials changed");
            }
            DaemonRuntime replacement = new DaemonRuntime(next, credentials, base, Optional.of(current));
            swap.writeLock().lock();
            try {
                current.stop(DRAIN);
                replacement.start(Optional.of(current));
                runtime = replacement;
            } finally {
                swap.writeLock().unlock();
            }
            base.somethingHappened().set(true);
            notifier.reconfigure(next.receivers(), credentials); // unchanged receivers keep their queues
            return changes;
        } finally {
            lifecycle.unlock();
        }
    }

    /** Validates the configuration file again and applies it; see {@link ConfigReloader}. */
    public ConfigReloader.Outcome reload() {
        return reloader.reload();
    }

    /** Reloads on SIGHUP and when the configuration or credentials file changes. */
    public void reloadOnHangupAndFileChange() {
        reloader.reloadOnHangup();
        reloader.reloadOnFileChange();
    }

    /** Blocks until {@link #close()} ran. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** The runtime now running (a reload replaces it). */
    public DaemonRuntime runtime() {
        return runtime;
    }

    public ControllerConfig config() {
        return runtime.config();
    }

    public Instant startedAt() {
        return startedAt;
    }

    public HealthMonitor health() {
        return runtime.health.monitor;
    }

    public DesiredTargets targets() {
        return runtime.targets;
    }

    public Jobs jobs() {
        return base.jobs();
    }

    /** The provisioning server, when configured. */
    public Optional<Provisioning> provisioning() {
        return base.provisioning();
    }

    public PhoneInventory inventory() {
        return base.inventory();
    }

    /** The PhoneManagers' registrar views (of the current runtime). */
    public org.phonecontroller.daemon.registrar.RegistrarViews registrarViews() {
        return runtime.registrarViews;
    }

    /** The daemons sharing this one's database (just this one on H2), and the jobs each runs. */
    public List<ClusterNode> clusterNodes() {
        return new ClusterNodes(database.jdbc(), base.jobs().instanceId()).nodes();
    }

    public RangeState ranges() {
        return base.ranges();
    }

    public EventStore eventStore() {
        return new EventStore(database.jdbc());
    }

    public EventLog events() {
        return base.events();
    }

    public Optional<RangePlan> plan(String range) {
        return Optional.ofNullable(runtime.plans.get(range));
    }

    public Collection<RangePlan> plans() {
        return runtime.plans();
    }

    /** The admin API's address, when it runs. */
    public Optional<java.net.InetSocketAddress> adminAddress() {
        return admin.map(AdminServer::address);
    }

    /** Stops cleanly; safe to call twice (the shutdown hook and a test). Waits for a reload in progress. */
    @Override
    public void close() {
        lifecycle.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            log.info("Stopping: no new pushes; phones in flight finish and are stored");
            admin.ifPresent(AdminServer::close);
            reloader.close();
            // No thread is interrupted: an interrupt in the middle of H2's file I/O closes the whole database.
            runtime.stop(DRAIN);
            base.jobs().close();
            base.provisioning().ifPresent(Provisioning::close);
            options.protocols().close();
            base.events().emit(Event.general(options.time().now(), EventKind.DAEMON_STOPPED, "stopped cleanly"));
            notifier.close(); // up to 5 s for what the receivers still hold
            base.events().close();
            database.close();
            lock.ifPresent(InstanceLock::close);
            stopped.countDown();
        } finally {
            lifecycle.unlock();
        }
    }

    /**
     * What the jobs use: the current runtime's parts. While a reload swaps runtimes, a job asking waits for the new
     * one, so a run the reload stopped continues with its successor.
     */
    private final class CurrentServices implements JobServices {

        private DaemonRuntime current() {
            swap.readLock().lock();
            try {
                return runtime;
            } finally {
                swap.readLock().unlock();
            }
        }

        @Override
        public Optional<RangePlan> plan(String range) {
            return Optional.ofNullable(current().plans.get(range));
        }

        @Override
        public Collection<RangePlan> plans() {
            return current().plans();
        }

        @Override
        public FailoverReconciler reconciler() {
            return current().reconciler;
        }

        @Override
        public DiscoveryService discovery() {
            return current().discovery;
        }

        @Override
        public DesiredTargets targets() {
            return current().targets;
        }
    }
}

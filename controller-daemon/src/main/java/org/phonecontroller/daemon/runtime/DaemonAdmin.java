package org.phonecontroller.daemon.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.phonecontroller.config.PhoneManagerConfig;
import org.phonecontroller.daemon.admin.AdminOperations;
import org.phonecontroller.daemon.admin.AdminRequestRejected;
import org.phonecontroller.daemon.admin.ConfigReloadAnswer;
import org.phonecontroller.daemon.admin.EventEntry;
import org.phonecontroller.daemon.admin.FailbackAnswer;
import org.phonecontroller.daemon.admin.FailbackRequest;
import org.phonecontroller.daemon.admin.JobProgress;
import org.phonecontroller.daemon.admin.JobRef;
import org.phonecontroller.daemon.admin.PhoneState;
import org.phonecontroller.daemon.admin.PhoneView;
import org.phonecontroller.daemon.admin.StatusReport;
import org.phonecontroller.daemon.failover.RangePlan;
import org.phonecontroller.daemon.inventory.Phone;
import org.phonecontroller.daemon.inventory.Presence;
import org.phonecontroller.daemon.inventory.RangeTarget;
import org.phonecontroller.daemon.inventory.Target;
import org.phonecontroller.daemon.jobs.JobTracker;
import org.phonecontroller.protocols.ProbeResult;
import org.phonecontroller.protocols.ServerAssignment;

/** The admin API's view of a running {@link Daemon}: what {@code phonectl status|phones|scan|failback|…} ask. */
public final class DaemonAdmin implements AdminOperations {

    private final Daemon daemon;
    private final String version = readVersion();

    public DaemonAdmin(Daemon daemon) {
        this.daemon = daemon;
    }

    @Override
    public StatusReport status() {
        Instant now = Instant.now();
        DaemonRuntime runtime = daemon.runtime(); // one runtime for the whole answer, even during a reload
        var monitor = runtime.health.monitor;
        var controller = new StatusReport.Controller(daemon.jobs().instanceId(), version, daemon.startedAt(),
                Duration.between(daemon.startedAt(), now), monitor.isolated());
        List<StatusReport.PhoneManagerStatus> pms = new ArrayList<>();
        var registrars = new RegistrarCounts(runtime.registrarViews, runtime.registrarViews.phoneManagers().isEmpty()
                ? List.of() : daemon.inventory().all());
        for (PhoneManagerConfig pm : runtime.config().phoneManagers().values()) {
            Optional<ProbeResult> last = monitor.lastResult(pm.name());
            pms.add(new StatusReport.PhoneManagerStatus(pm.name(), pm.host() + ":" + pm.probePort(),
                    health(monitor.state(pm.name())), monitor.since(pm.name()),
                    last.filter(r -> r instanceof ProbeResult.Up).map(r -> ((ProbeResult.Up) r).latency())
                            .orElse(null),
                    last.filter(r -> r instanceof ProbeResult.Down).map(r -> ((ProbeResult.Down) r).reason() + ": "
                            + ((ProbeResult.Down) r).detail()).orElse(null), registrars.status(pm.name())));
        }
        List<StatusReport.RangeStatus> ranges = new ArrayList<>();
        for (RangePlan plan : runtime.plans()) {
            RangeTarget target = daemon.ranges().ensure(plan.name(), now);
            Map<PhoneState, Integer> counts = new EnumMap<>(PhoneState.class);
            for (Phone phone : daemon.inventory().ofRange(plan.name())) {
                counts.merge(state(phone, plan, target), 1, Integer::sum);
            }
            ranges.add(new StatusReport.RangeStatus(plan.name(), plan.primary().name(), plan.fallback().name(),
                    target(target.desired()), target.reason(), target.changedAt(), counts));
        }
        List<StatusReport.Node> nodes = daemon.clusterNodes().stream().map(n -> new StatusReport.Node(n.id(),
                n.self(), n.lastCheckin(), n.checkinInterval(), n.runningJobs())).toList();
        return new StatusReport(controller, pms, ranges, nodes);
    }

    @Override
    public List<PhoneView> phones(String range, PhoneState state) {
        List<RangePlan> plans = range == null ? List.copyOf(daemon.plans()) : List.of(plan(range));
        List<PhoneView> views = new ArrayList<>();
        var registrars = daemon.registrarViews();
        for (RangePlan plan : plans) {
            RangeTarget target = daemon.ranges().ensure(plan.name(), Instant.now());
            for (Phone phone : daemon.inventory().ofRange(plan.name())) {
                PhoneState s = state(phone, plan, target);
                if (state != null && s != state) {
                    continue;
                }
                var id = phone.identity();
                views.add(new PhoneView(phone.address(), plan.name(), blank(id.mac()), id.vendor(), id.model(),
                        blank(id.firmware()), id.protocol(),
                        phone.observed().map(o -> o.target().toString()).orElse(null), target(target.desired()),
                        plan.phoneManager(target.desired()).address().toString(), s, phone.progress().attempts(),
                        blank(phone.progress().lastError()), phone.lastSeen(),
                        RegistrarCounts.registeredAt(registrars, phone.address())));
            }
        }
        return views;
    }

    @Override
    public List<JobRef> scan(String range) {
        List<RangePlan> plans = range == null ? List.copyOf(daemon.plans()) : List.of(plan(range));
        return plans.stream().map(p -> new JobRef(daemon.jobs().scanNow(p.name()), JobRef.JobKind.SCAN, p.name()))
                .toList();
    }

    @Override
    public FailbackAnswer failback(FailbackRequest request) {
        List<RangePlan> plans = request.all()
                ? daemon.plans().stream().filter(p -> daemon.ranges().ensure(p.name(), Instant.now()).desired()
                        == Target.FALLBACK).toList()
                : List.of(plan(request.range()));
        for (RangePlan plan : plans) {
            Optional<String> refusal = daemon.targets().checkFailback(plan, request.force());
            if (refusal.isPresent()) {
                return new FailbackAnswer.Refused(refusal.get(),
                        "wait until it is UP (phonectl status) or add --force");
            }
        }
        if (request.dryRun()) {
            List<FailbackAnswer.PlannedChange> changes = new ArrayList<>();
            for (RangePlan plan : plans) {
                String to = plan.primary().address().toString();
                for (Phone phone : daemon.inventory().ofRange(plan.name())) {
                    String from = phone.observed().map(o -> o.target().toString()).orElse(null);
                    if (phone.presence() == Presence.PRESENT && !to.equals(from)) {
                        changes.add(new FailbackAnswer.PlannedChange(phone.address(), plan.name(), from, to));
                    }
                }
            }
            return new FailbackAnswer.DryRun(changes);
        }
        return new FailbackAnswer.Started(plans.stream().map(p -> new JobRef(daemon.jobs().failback(p.name(),
                request.force(), "failback requested by an admin" + (request.force() ? " (forced)" : "")),
                JobRef.JobKind.FAILBACK, p.name())).toList());
    }

    @Override
    public List<JobRef> failover(String range) {
        RangePlan plan = plan(range);
        Optional<String> refusal = daemon.targets().plannedFailover(plan);
        if (refusal.isPresent()) {
            throw new AdminRequestRejected(AdminRequestRejected.Reason.CONFLICT, refusal.get(),
                    "bring the fallback up first (phonectl status)");
        }
        return List.of(new JobRef(daemon.jobs().reconcile(range), JobRef.JobKind.FAILOVER, range));
    }

    @Override
    public Optional<JobProgress> job(String id) {
        JobRef.JobKind kind = id.startsWith("scan-") ? JobRef.JobKind.SCAN
                : id.startsWith("failback-") ? JobRef.JobKind.FAILBACK : JobRef.JobKind.FAILOVER;
        String range = id.substring(id.indexOf('-') + 1);
        JobRef ref = new JobRef(id, kind, range.equals("all") ? null : range);
        Optional<JobTracker.Run> run = daemon.jobs().tracker().latest(id);
        boolean waiting = daemon.jobs().pending(id);
        if (run.isEmpty() || (waiting && run.get().finishedAt() != null)) {
            return waiting ? Optional.of(new JobProgress(ref, Instant.now(), null, 0, 0, 0, 0, 0, List.of(),
                    JobProgress.Verdict.RUNNING)) : Optional.empty();
        }
        JobTracker.Run r = run.get();
        List<JobProgress.PhoneVerdict> problems = r.problems().stream().map(p -> new JobProgress.PhoneVerdict(
                p.phone(), p.failed() ? JobProgress.PhoneVerdict.Outcome.FAILED
                        : JobProgress.PhoneVerdict.Outcome.DEFERRED, p.reason())).toList();
        JobProgress.Verdict verdict = r.finishedAt() == null ? JobProgress.Verdict.RUNNING
                : r.failure() != null ? JobProgress.Verdict.FAILED
                : r.failed() > 0 || r.deferred() > 0 ? JobProgress.Verdict.PARTLY_FAILED
                : JobProgress.Verdict.SUCCEEDED;
        return Optional.of(new JobProgress(ref, r.startedAt(), r.finishedAt(), (int) r.total(), (int) r.done(),
                r.verified(), r.deferred(), r.failed(), problems, verdict));
    }

    @Override
    public List<EventEntry> events(Instant since, long afterId, Set<String> kinds, int limit) {
        return daemon.eventStore().query(since, afterId, kinds, limit).stream().map(s -> new EventEntry(s.id(),
                s.event().ts(), s.event().kind().name(), blank(s.event().range()), blank(s.event().phone()),
                blank(s.event().phoneManager()), blank(s.event().detail()))).toList();
    }

    @Override
    public ConfigReloadAnswer reloadConfig() {
        String file = daemon.config().source().toString();
        return switch (daemon.reload()) {
            case ConfigReloader.Outcome.Applied applied -> new ConfigReloadAnswer.Applied(file,
                    applied.changes().isEmpty() ? "no change" : String.join("; ", applied.changes()));
            case ConfigReloader.Outcome.Rejected rejected -> new ConfigReloadAnswer.Rejected(file,
                    rejected.problems());
        };
    }

    private RangePlan plan(String range) {
        return daemon.plan(range).orElseThrow(() -> new AdminRequestRejected(AdminRequestRejected.Reason.NOT_FOUND,
                "range '" + range + "' is not configured", "phonectl status lists the ranges"));
    }

    /** Where a phone stands with respect to its range's desired target. */
    static PhoneState state(Phone phone, RangePlan plan, RangeTarget target) {
        if (phone.presence() == Presence.GONE) {
            return PhoneState.UNREACHABLE;
        }
        ServerAssignment desired = plan.assignmentFor(target.desired());
        if (phone.progress().desired().isEmpty()) {
            boolean there = phone.observed().map(o -> o.target().equals(desired.target())).orElse(false);
            return there ? PhoneState.SYNCED : PhoneState.PENDING;
        }
        if (!phone.progress().desired().get().equals(desired)) {
            return PhoneState.PENDING;
        }
        return switch (phone.progress().state()) {
            case VERIFIED -> PhoneState.SYNCED;
            case DEFERRED -> PhoneState.DEFERRED;
            case APPLIED -> PhoneState.APPLIED;
            case FAILED -> PhoneState.FAILED;
            case NONE, PENDING, PUSHING -> PhoneState.PENDING;
        };
    }

    private static org.phonecontroller.daemon.admin.Target target(Target target) {
        return org.phonecontroller.daemon.admin.Target.valueOf(target.name());
    }

    private static org.phonecontroller.daemon.admin.HealthState health(
            org.phonecontroller.daemon.health.HealthState state) {
        return org.phonecontroller.daemon.admin.HealthState.valueOf(state.name());
    }

    private static String blank(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    /** The build's version (from version.properties), or "unknown". */
    public static String version() {
        return readVersion();
    }

    private static String readVersion() {
        Properties properties = new Properties();
        try (InputStream in = DaemonAdmin.class.getResourceAsStream(
                "/org/phonecontroller/daemon/cli/version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return properties.getProperty("version", "unknown");
    }


    /** Issue #14: the provisioning server's view of a phone. */
    @Override
    public Optional<org.phonecontroller.daemon.admin.ProvisioningView> provisioning(String phone, String file,
                                                                                  boolean preview) {
        return daemon.provisioning().flatMap(p -> new org.phonecontroller.daemon.provisioning.ProvisioningAdmin(p,
                daemon.inventory()).view(phone, file, preview));
    }
}

package org.phonecontroller.daemon.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory daemon for admin API and CLI tests: two PhoneManagers, two ranges, three phones, jobs whose progress
 * a test sets, and an event list a test appends to.
 */
public final class FakeAdminOperations implements AdminOperations {

    public static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    public volatile HealthState primaryState = HealthState.UP;
    public final List<String> calls = new CopyOnWriteArrayList<>();
    public final Map<String, List<JobProgress>> jobScripts = new ConcurrentHashMap<>();
    private final Map<String, Integer> jobReads = new ConcurrentHashMap<>();
    private final List<EventEntry> events = new CopyOnWriteArrayList<>();
    /** The cluster nodes status reports (none: a daemon that does not report them). */
    public volatile List<StatusReport.Node> nodes = List.of();
    /** pm-b has a registrar view (12 contacts, 10 managed phones, 2 unknown) and the phones are registered there. */
    public volatile boolean registrarView;
    public volatile ConfigReloadAnswer reloadAnswer = new ConfigReloadAnswer.Applied("conf/controller.yaml", "no change");

    @Override
    public StatusReport status() {
        calls.add("status");
        return new StatusReport(
                new StatusReport.Controller("node-1", "0.1.0", T0, Duration.ofMinutes(90), false),
                List.of(new StatusReport.PhoneManagerStatus("pm-a", "127.20.0.10:5060", primaryState, T0,
                                primaryState == HealthState.UP ? Duration.ofMillis(3) : null,
                                primaryState == HealthState.UP ? null : "no answer to OPTIONS within 500ms"),
                        new StatusReport.PhoneManagerStatus("pm-b", "127.20.1.10:5060", HealthState.UP, T0,
                                Duration.ofMillis(4), null, registrarView ? new StatusReport.RegistrarStatus(
                                "kamailio-jsonrpc", true, T0, 12, 10, 2, null) : null)),
                List.of(new StatusReport.RangeStatus("floor-1", "pm-a", "pm-b", Target.FALLBACK,
                                "primary pm-a DOWN since 10:00:00", T0,
                                Map.of(PhoneState.SYNCED, 2, PhoneState.FAILED, 1)),
                        new StatusReport.RangeStatus("floor-2", "pm-a", "pm-b", Target.PRIMARY, "configured", T0,
                                Map.of())), nodes);
    }

    @Override
    public List<PhoneView> phones(String range, PhoneState state) {
        calls.add("phones " + range + " " + state);
        if (range != null && !range.equals("floor-1") && !range.equals("floor-2")) {
            throw unknownRange(range);
        }
        List<PhoneView> all = List.of(
                phone("127.20.16.1", PhoneState.SYNCED, null),
                phone("127.20.16.2", PhoneState.SYNCED, null),
                phone("127.20.16.3", PhoneState.FAILED, "HTTP 401 from the phone: check the credentials of floor-1"));
        return all.stream().filter(p -> range == null || p.range().equals(range))
                .filter(p -> state == null || p.state() == state).toList();
    }

    @Override
    public List<JobRef> scan(String range) {
        calls.add("scan " + range);
        return List.of(new JobRef("scan-1", JobRef.JobKind.SCAN, range));
    }

    @Override
    public FailbackAnswer failback(FailbackRequest request) {
        calls.add("failback " + request);
        if (request.range() != null && !request.range().equals("floor-1")) {
            throw unknownRange(request.range());
        }
        if (request.dryRun()) {
            return new FailbackAnswer.DryRun(List.of(
                    new FailbackAnswer.PlannedChange("127.20.16.1", "floor-1", "127.20.1.10:5060", "127.20.0.10:5060")));
        }
        if (primaryState != HealthState.UP && !request.force()) {
            return new FailbackAnswer.Refused("primary pm-a of range floor-1 is " + primaryState,
                    "wait until it is UP (phonectl status), or add --force");
        }
        return new FailbackAnswer.Started(List.of(new JobRef("failback-1", JobRef.JobKind.FAILBACK, "floor-1")));
    }

    @Override
    public List<JobRef> failover(String range) {
        calls.add("failover " + range);
        if (!range.equals("floor-1")) {
            throw unknownRange(range);
        }
        return List.of(new JobRef("failover-1", JobRef.JobKind.FAILOVER, range));
    }

    /** Each read of a job returns the next scripted progress, and the last one forever after. */
    @Override
    public Optional<JobProgress> job(String id) {
        List<JobProgress> script = jobScripts.get(id);
        if (script == null) {
            return Optional.empty();
        }
        int read = jobReads.merge(id, 1, Integer::sum) - 1;
        return Optional.of(script.get(Math.min(read, script.size() - 1)));
    }

    @Override
    public List<EventEntry> events(Instant since, long afterId, Set<String> kinds, int limit) {
        List<EventEntry> out = new ArrayList<>();
        for (EventEntry e : events) {
            if (!e.ts().isBefore(since) && e.id() > afterId && (kinds.isEmpty() || kinds.contains(e.kind()))
                    && out.size() < limit) {
                out.add(e);
            }
        }
        return out;
    }

    @Override
    public ConfigReloadAnswer reloadConfig() {
        calls.add("reload");
        return reloadAnswer;
    }

    public EventEntry addEvent(Instant ts, String kind, String range, String phone, String detail) {
        EventEntry e = new EventEntry(events.size() + 1L, ts, kind, range, phone, null, detail);
        events.add(e);
        return e;
    }

    /** A finished or running failback job progress. */
    public static JobProgress progress(String id, JobRef.JobKind kind, int total, int verified, int deferred,
                                       int failed, List<JobProgress.PhoneVerdict> problems,
                                       JobProgress.Verdict verdict) {
        return new JobProgress(new JobRef(id, kind, "floor-1"), T0,
                verdict == JobProgress.Verdict.RUNNING ? null : T0.plusSeconds(12), total,
                verified + deferred + failed, verified, deferred, failed, problems, verdict);
    }

    private PhoneView phone(String address, PhoneState state, String error) {
        return new PhoneView(address, "floor-1", "00:04:f2:00:00:0" + address.charAt(address.length() - 1),
                "Polycom", "VVX 450", "6.4.3", "polycom-rest", "127.20.1.10:5060", Target.FALLBACK,
                "127.20.1.10:5060", state, state == PhoneState.FAILED ? 3 : 1, error, T0,
                registrarView ? (state == PhoneState.FAILED ? "" : "pm-b") : null);
    }

    private static AdminRequestRejected unknownRange(String range) {
        return new AdminRequestRejected(AdminRequestRejected.Reason.NOT_FOUND, "no range '" + range + "'",
                "phonectl status lists the configured ranges");
    }
}

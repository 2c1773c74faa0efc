package org.phonecontroller.daemon.cli;

import java.io.PrintWriter;
import org.phonecontroller.daemon.admin.PhoneState;
import org.phonecontroller.daemon.admin.StatusReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code phonectl status}: PhoneManagers, ranges with their target and phone counts, the controller. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the PhoneManagers' health, each range's target (primary or fallback) and why,"
                + " phone counts per state, and in cluster mode every node and the jobs it runs.")
final class StatusCommand extends ClientCommand {

    @Option(names = "--json", description = "Write the status as JSON on stdout.")
    boolean json;

    @Override
    int run(AdminClient client) {
        StatusReport status = client.status();
        if (json) {
            JsonOutput.print(out(), status);
            return ExitCodes.OK;
        }
        PrintWriter out = out();
        StatusReport.Controller c = status.controller();
        out.printf("Controller %s, version %s, up %s since %s%s%n", c.nodeId(), c.version(), Show.duration(c.uptime()),
                Show.time(c.startedAt(), clock),
                c.isolated() ? ". ISOLATED: its witnesses do not answer, so it fails nothing over" : "");
        out.println();
        TextTable managers = new TextTable("PHONEMANAGER", "ADDRESS", "STATE", "SINCE", "LATENCY", "LAST PROBE ERROR");
        status.phoneManagers().forEach(pm -> managers.row(pm.name(), pm.address(), pm.state(),
                Show.timeAgo(pm.since(), clock), Show.duration(pm.lastProbeLatency()), pm.lastProbeError()));
        managers.print(out);
        if (status.phoneManagers().stream().anyMatch(pm -> pm.registrar() != null)) {
            out.println();
            TextTable views = new TextTable("PHONEMANAGER", "REGISTRAR", "READ", "CONTACTS", "MANAGED PHONES REGISTERED",
                    "UNKNOWN CONTACTS", "ERROR");
            status.phoneManagers().stream().filter(pm -> pm.registrar() != null).forEach(pm -> {
                var r = pm.registrar();
                views.row(pm.name(), r.kind(), r.known() ? Show.timeAgo(r.readAt(), clock) : "UNKNOWN",
                        r.known() ? r.contacts() : "?", r.known() ? r.managedPhones() : "?",
                        r.known() ? r.unknownContacts() : "?", r.error());
            });
            views.print(out);
        }
        out.println();
        TextTable ranges = new TextTable("RANGE", "PRIMARY", "FALLBACK", "TARGET", "PHONES", "SYNCED", "PENDING",
                "APPLIED", "DEFERRED", "FAILED", "UNREACHABLE", "WHY");
        status.ranges().forEach(r -> ranges.row(r.name(), r.primary(), r.fallback(), r.desiredTarget(),
                r.phoneCount(), count(r, PhoneState.SYNCED), count(r, PhoneState.PENDING),
                count(r, PhoneState.APPLIED), count(r, PhoneState.DEFERRED), count(r, PhoneState.FAILED), count(r, PhoneState.UNREACHABLE),
                r.reason()));
        ranges.print(out);
        if (status.nodes().size() > 1 || status.nodes().stream().anyMatch(n -> n.lastCheckin() != null)) {
            out.println();
            TextTable nodes = new TextTable("NODE", "LAST CHECK-IN", "RUNNING JOBS");
            status.nodes().forEach(n -> nodes.row(n.self() ? n.id() + " (this node)" : n.id(),
                    Show.timeAgo(n.lastCheckin(), clock),
                    n.runningJobs().isEmpty() ? "-" : String.join(", ", n.runningJobs())));
            nodes.print(out);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static int count(StatusReport.RangeStatus range, PhoneState state) {
        return range.phonesByState().getOrDefault(state, 0);
    }
}

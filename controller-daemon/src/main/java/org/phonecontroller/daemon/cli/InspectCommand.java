package org.phonecontroller.daemon.cli;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.phonecontroller.config.RangeConfig;
import org.phonecontroller.daemon.diagnostics.DiagnosticProtocols;
import org.phonecontroller.daemon.diagnostics.PhoneInspector;
import org.phonecontroller.daemon.diagnostics.PhoneReport;
import org.phonecontroller.daemon.diagnostics.ProtocolAttempt;
import org.phonecontroller.daemon.diagnostics.RangePlacement;
import org.phonecontroller.ranges.IpAddresses;
import org.phonecontroller.ranges.IpRange;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code phonectl inspect ADDRESS}: what the controller sees of one phone. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Asks one phone what the controller would: who it is (vendor, model, firmware, MAC), which "
                + "servers it is configured with, its call state; which range it belongs to and whether its servers "
                + "are the range's primary or fallback.",
                "Protocols are tried in order (the range's, or --protocols) with the range's credentials; every "
                        + "failure is shown with its reason. Without --config only 'sip' (SIP OPTIONS, no "
                        + "credentials) can be tried.",
                "Exit 0 when a protocol identified the phone, 1 when none did, 2 on usage or configuration errors."})
final class InspectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ADDRESS", description = "the phone's IP address")
    String address;

    @Option(names = "--protocols", split = ",", paramLabel = "PROTOCOL",
            description = "protocols to try, in order, e.g. snmp:cisco-sip-ua,polycom-rest,sip "
                    + "(default: the range's; without a range: sip)")
    List<String> protocols;

    @Option(names = "--config", paramLabel = "FILE", description = "the configuration (ranges, credentials)")
    Path config;

    @Option(names = "--json", description = "JSON on stdout")
    boolean json;

    /** What {@code --json} prints. */
    record InspectReport(String address, boolean identified, PhoneReport.Identity phone, List<String> servers,
                         String serversError, String callState, String callStateError, RangePlacement range,
                         List<ProtocolAttempt> attempts) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        InetAddress phone = IpAddresses.tryParse(address).orElseThrow(() -> new CommandLine.ParameterException(
                spec.commandLine(), "'" + address + "' is not an IP address"));
        Optional<DiagnosticConfig> loaded = DiagnosticConfig.load(config, err, "inspect");
        if (loaded.isEmpty()) {
            return ExitCodes.USAGE_OR_CONFIG;
        }
        DiagnosticConfig diagnostic = loaded.get();
        Optional<RangeConfig> range = diagnostic.config().flatMap(c -> c.rangeOf(phone));
        RangeConfig asked = range.orElseGet(() -> DiagnosticConfig.unconfigured(address,
                List.of(IpRange.of(phone))));
        List<String> names = protocols != null ? protocols : range.map(RangeConfig::protocols).orElse(List.of("sip"));
        if (diagnostic.config().isEmpty()) {
            err.println("phonectl inspect: no --config, so no credentials: only what needs none (sip) can be tried");
        } else if (range.isEmpty()) {
            err.println("phonectl inspect: " + address + " is in no configured range; using the '"
                    + asked.credentials() + "' credentials");
        }
        err.flush();
        PhoneReport report;
        try (DiagnosticProtocols built = build(names, diagnostic, asked)) {
            report = PhoneInspector.forProtocols(built).inspect(phone, built.entries(), true).join();
        }
        RangePlacement placement = range.map(r -> RangePlacement.of(r, diagnostic.config().orElseThrow(),
                report.servers())).orElse(null);
        var result = new InspectReport(report.address(), report.identified(), report.identity(), report.servers(),
                report.serversError(), report.callState(), report.callStateError(), placement, report.attempts());
        if (json) {
            JsonOutput.print(spec.commandLine().getOut(), result);
        } else {
            print(spec.commandLine().getOut(), result);
        }
        return report.identified() ? ExitCodes.OK : ExitCodes.PARTLY_FAILED;
    }

    private DiagnosticProtocols build(List<String> names, DiagnosticConfig diagnostic, RangeConfig range) {
        try {
            return DiagnosticProtocols.build(names, diagnostic.config(), range, diagnostic.credentialsOf(range));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--protocols: " + e.getMessage(), e);
        }
    }

    private static void print(PrintWriter out, InspectReport r) {
        if (r.identified()) {
            var p = r.phone();
            out.println(r.address() + ": " + join(p.vendor(), p.model()) + (p.firmware().isEmpty() ? ""
                    : ", firmware " + p.firmware()) + (p.mac().isEmpty() ? "" : ", MAC " + p.mac())
                    + " (via " + p.protocol() + ")");
            out.println("  Servers:    " + (r.servers() != null ? String.join(", ", r.servers())
                    : "not read: " + r.serversError()));
            out.println("  Call state: " + (r.callState() != null ? r.callState()
                    : "not read: " + r.callStateError()));
        } else {
            out.println(r.address() + ": not identified by any protocol");
        }
        if (r.range() != null) {
            out.println("  Range:      " + r.range().range() + " (primary " + r.range().primary() + ", fallback "
                    + r.range().fallback() + ")");
            if (r.identified()) {
                out.println("  On:         " + placement(r.range()));
            }
        } else {
            out.println("  Range:      none configured holds it");
        }
        out.println();
        var table = new TextTable("PROTOCOL", "OUTCOME", "REASON", "DETAIL");
        r.attempts().forEach(a -> table.row(a.protocol(), a.outcome(), a.reason(), a.detail()));
        table.print(out);
        out.flush();
    }

    private static String placement(RangePlacement placement) {
        return switch (placement.serversOn()) {
            case "PRIMARY", "FALLBACK" -> placement.serversOn() + (Boolean.TRUE.equals(placement.complete())
                    ? " (servers as the daemon sets them)"
                    : " (expected " + String.join(", ", placement.expected()) + ")");
            case "OTHER" -> "neither the primary nor the fallback";
            default -> "unknown (servers not read)";
        };
    }

    private static String join(String vendor, String model) {
        String both = vendor.isEmpty() || model.startsWith(vendor) ? model : vendor + " " + model;
        return both.isEmpty() ? "unknown device" : both;
    }
}

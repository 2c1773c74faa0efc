package org.phonecontroller.daemon.cli;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.phonecontroller.config.ControllerConfig;
import org.phonecontroller.config.RangeConfig;
import org.phonecontroller.config.ScanSettings;
import org.phonecontroller.daemon.diagnostics.DiagnosticProtocols;
import org.phonecontroller.daemon.diagnostics.DiscoveryReport;
import org.phonecontroller.daemon.diagnostics.PhoneReport;
import org.phonecontroller.daemon.diagnostics.ProtocolAttempt;
import org.phonecontroller.daemon.diagnostics.RangeDiscovery;
import org.phonecontroller.protocols.sweep.Sweeper;
import org.phonecontroller.ranges.IpRange;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code phonectl discover RANGE}: one sweep, which phones are there. */
@Command(name = "discover", mixinStandardHelpOptions = true,
        description = {"Sweeps a range once and lists the phones found (address, vendor, model, firmware, MAC, "
                + "protocol, servers) with a summary. Writes nothing to the inventory.",
                "RANGE is a range name from --config or addresses such as 127.20.16.0/24 or "
                        + "10.1.8.10-10.1.8.200; only those addresses are asked. More than 65,536 addresses need "
                        + "--allow-large.",
                "Exit 0 when the sweep ran (even when it found nothing), 2 on usage or configuration errors."})
final class DiscoverCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RANGE", description = "a configured range name, or addresses")
    String range;

    @Option(names = "--protocols", split = ",", paramLabel = "PROTOCOL",
            description = "protocols to identify phones with, in order (default: the range's; without a range: sip)")
    List<String> protocols;

    @Option(names = "--rate", paramLabel = "N", description = "at most N requests per second (default: the "
            + "configuration's scan.ratePerSecond, else 5000)")
    Integer rate;

    @Option(names = "--allow-large", description = "allow more than 65,536 addresses")
    boolean allowLarge;

    @Option(names = "--config", paramLabel = "FILE", description = "the configuration (ranges, credentials)")
    Path config;

    @Option(names = "--json", description = "JSON on stdout")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Optional<DiagnosticConfig> loaded = DiagnosticConfig.load(config, err, "discover");
        if (loaded.isEmpty()) {
            return ExitCodes.USAGE_OR_CONFIG;
        }
        DiagnosticConfig diagnostic = loaded.get();
        RangeConfig target = resolve(diagnostic);
        int perSecond = rate != null ? rate
                : diagnostic.config().map(c -> c.scan().ratePerSecond()).orElse(ScanSettings.DEFAULTS.ratePerSecond());
        if (perSecond < 1 || perSecond > 1_000_000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rate " + perSecond
                    + " is outside 1..1,000,000 requests per second");
        }
        List<String> names = protocols != null ? protocols
                : target.protocols().isEmpty() ? List.of("sip") : target.protocols();
        if (diagnostic.config().isEmpty()) {
            err.println("phonectl discover: no --config, so no credentials: only what needs none (sip) can be tried");
            err.flush();
        }
        DiscoveryReport report;
        try (DiagnosticProtocols built = build(names, diagnostic, target)) {
            report = new RangeDiscovery(new Sweeper()::run).run(range, target.addresses(), built, perSecond);
        }
        if (json) {
            JsonOutput.print(spec.commandLine().getOut(), report);
        } else {
            print(spec.commandLine().getOut(), report);
        }
        return ExitCodes.OK;
    }

    /** The configured range of that name, else the addresses given (with the range enclosing them, if any). */
    private RangeConfig resolve(DiagnosticConfig diagnostic) {
        Optional<ControllerConfig> config = diagnostic.config();
        Optional<RangeConfig> named = config.flatMap(c -> c.range(range));
        if (named.isPresent()) {
            return named.get();
        }
        IpRange literal;
        try {
            literal = IpRange.parse(range);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "'" + range + "' is neither "
                    + (config.isPresent() ? "a range of " + config.get().source() + " (known: "
                    + String.join(", ", config.get().ranges().stream().map(RangeConfig::name).toList()) + ")"
                    : "a range name (give --config FILE)") + " nor addresses: " + e.getMessage(), e);
        }
        if (literal.size().compareTo(BigInteger.valueOf(RangeConfig.LARGE_RANGE_LIMIT)) > 0 && !allowLarge) {
            throw new CommandLine.ParameterException(spec.commandLine(), range + " holds "
                    + String.format(Locale.ROOT, "%,d", literal.size()) + " addresses, more than "
                    + String.format(Locale.ROOT, "%,d", RangeConfig.LARGE_RANGE_LIMIT)
                    + "; add --allow-large if you mean it");
        }
        Optional<RangeConfig> enclosing = config.flatMap(c -> c.ranges().stream()
                .filter(r -> r.addresses().stream().anyMatch(block -> block.encloses(literal))).findFirst());
        return enclosing.map(r -> new RangeConfig(r.name(), List.of(literal), r.primary(), r.fallback(),
                        r.protocols(), r.credentials(), r.allowLarge()))
                .orElseGet(() -> DiagnosticConfig.unconfigured(range, List.of(literal)));
    }

    private DiagnosticProtocols build(List<String> names, DiagnosticConfig diagnostic, RangeConfig target) {
        try {
            return DiagnosticProtocols.build(names, diagnostic.config(), target, diagnostic.credentialsOf(target));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--protocols: " + e.getMessage(), e);
        }
    }

    private static void print(PrintWriter out, DiscoveryReport report) {
        if (!report.phones().isEmpty()) {
            var table = new TextTable("ADDRESS", "VENDOR", "MODEL", "FIRMWARE", "MAC", "PROTOCOL", "SERVERS");
            for (PhoneReport phone : report.phones()) {
                var id = phone.identity();
                table.row(phone.address(), dash(id.vendor()), dash(id.model()), dash(id.firmware()), dash(id.mac()),
                        id.protocol(), phone.servers() != null ? String.join(", ", phone.servers())
                                : "not read: " + phone.serversError());
            }
            table.print(out);
            out.println();
        }
        for (PhoneReport refused : report.refused()) {
            out.println(refused.address() + " answered but refused: " + String.join("; ", refused.attempts().stream()
                    .filter(ProtocolAttempt::answeredButRefused)
                    .map(a -> a.protocol() + " " + a.reason() + " " + a.detail()).toList()));
        }
        out.println(String.format(Locale.ROOT, "%s: %,d address%s swept in %s (%,.0f addresses/s, cap %,d requests/s"
                        + "%s): %,d answered, %d phone%s found, %d refused, %d not a phone",
                report.range(), report.addresses(), report.addresses() == 1 ? "" : "es",
                Show.duration(Duration.ofMillis(report.durationMillis())), report.addressesPerSecond(),
                report.ratePerSecond(), report.sweepKinds().isEmpty() ? ""
                        : ", sweep " + String.join("+", report.sweepKinds()), report.answered(),
                report.phones().size(), report.phones().size() == 1 ? "" : "s", report.refused().size(),
                report.notAPhone()));
        out.flush();
    }

    private static String dash(String text) {
        return text == null || text.isEmpty() ? "-" : text;
    }
}

package org.phonecontroller.daemon.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.phonecontroller.config.Durations;
import org.phonecontroller.config.PhoneManagerConfig;
import org.phonecontroller.config.TlsTrust;
import org.phonecontroller.daemon.probes.PhoneManagerProbes;
import org.phonecontroller.protocols.Endpoint;
import org.phonecontroller.protocols.HealthProbe;
import org.phonecontroller.protocols.ProbeResult;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.Transport;
import org.phonecontroller.protocols.probe.HealthProbes;
import org.phonecontroller.protocols.probe.ProbeSettings;
import org.phonecontroller.protocols.probe.ProbeTrust;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code phonectl probe HOST:PORT | PHONE-MANAGER}: one health probe, as the daemon would send it; exit 0 up, 1 down.
 * With {@code --config} and a PhoneManager's name it probes exactly as the daemon does (address, transport, kind,
 * trust, SNMP credentials).
 */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"Sends one health probe to a PhoneManager, as the daemon does, and prints UP with the "
                + "latency or DOWN with the reason (one line). Exit 0 when up, 1 when down, 2 on usage or "
                + "configuration errors.",
                "Runs without the daemon. With --config, TARGET may be a PhoneManager's name: its address, transport, "
                        + "probe kind, tls.trust and SNMP credentials are used, as the daemon uses them."})
final class ProbeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TARGET",
            description = "HOST:PORT (port 5060 when omitted), or a PhoneManager's name with --config")
    String target;

    @Option(names = "--config", paramLabel = "FILE",
            description = "the configuration: probe the PhoneManager named TARGET as the daemon does")
    Path config;

    @Option(names = "--transport", paramLabel = "udp|tcp|tls",
            description = "SIP transport of sip-options (default: the PhoneManager's, else udp)")
    String transport;

    @Option(names = "--kind", paramLabel = "KIND",
            description = "sip-options, tcp, http or snmp (default: the PhoneManager's, else sip-options)")
    String kind;

    @Option(names = "--trust", paramLabel = "system|FILE.pem|sha256:HEX",
            description = "which certificates TLS accepts: the system's CAs, those of a PEM file, or the one with "
                    + "this SHA-256 fingerprint (default: the PhoneManager's tls.trust, else system)")
    String trust;

    @Option(names = "--https", description = "an http probe asks over https (default: the PhoneManager's)")
    boolean https;

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "how long the probe waits, e.g. 500ms, 2s (default: the configuration's probe.timeout, "
                    + "else 500ms)")
    String timeout;

    @Option(names = "--json", description = "JSON on stdout")
    boolean json;

    /** What {@code --json} prints. */
    record ProbeReport(String target, String kind, String transport, String state, Double latencyMillis,
                       String reason, String detail) {
    }

    /** What is probed and how. */
    private record Plan(String name, ServerAddress address, Transport via, String kind, ProbeSettings settings) {
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        Optional<DiagnosticConfig> loaded = DiagnosticConfig.load(config, err, "probe");
        if (loaded.isEmpty()) {
            return ExitCodes.USAGE_OR_CONFIG;
        }
        Plan plan;
        try {
            plan = plan(loaded.get());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        ProbeResult result;
        try (HealthProbe probe = HealthProbes.create(plan.kind(), plan.settings())) {
            result = probe.probe(new Endpoint(plan.name(), plan.address(), plan.via()))
                    .get(plan.settings().timeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the probe of " + plan.address() + " did not complete", e);
        }
        var out = spec.commandLine().getOut();
        String address = plan.address().toString();
        String via = plan.via().configName();
        ProbeReport report = switch (result) {
            case ProbeResult.Up up -> new ProbeReport(address, plan.kind(), via, "UP", up.latency().toNanos() / 1e6,
                    null, null);
            case ProbeResult.Down down -> new ProbeReport(address, plan.kind(), via, "DOWN", null,
                    down.reason().name(), down.detail());
        };
        if (json) {
            JsonOutput.print(out, report);
        } else {
            out.println(report.state().equals("UP")
                    ? String.format(Locale.ROOT, "UP %.1f ms", report.latencyMillis())
                    : "DOWN " + report.reason().toLowerCase(Locale.ROOT).replace('_', ' ') + ": "
                    + report.detail().replaceAll("\\s+", " "));
            out.flush();
        }
        return report.state().equals("UP") ? ExitCodes.OK : ExitCodes.PARTLY_FAILED;
    }

    /** The configured PhoneManager's probe with the options laid over it, or the options alone. */
    private Plan plan(DiagnosticConfig loaded) {
        Optional<PhoneManagerConfig> pm = loaded.config().flatMap(c -> c.phoneManager(target));
        if (loaded.config().isPresent() && pm.isEmpty() && !target.matches(".*[:.\\[].*")) {
            throw new IllegalArgumentException("'" + target + "' is not a PhoneManager of " + config + " (it has: "
                    + String.join(", ", loaded.config().get().phoneManagers().keySet()) + ")");
        }
        ProbeSettings settings = pm.map(p -> PhoneManagerProbes.settings(p, loaded.config().get().probe(),
                loaded.credentials())).orElse(ProbeSettings.defaults());
        if (timeout != null) {
            try {
                settings = settings.withTimeout(Durations.parse(timeout));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--timeout: " + e.getMessage(), e);
            }
        }
        if (trust != null) {
            settings = settings.withTrust(PhoneManagerProbes.trust(TlsTrust.parse(trust, Path.of(""))));
            if (settings.trust() instanceof ProbeTrust.PemFile file) {
                ProbeTrust.readCertificates(file.file()); // an unusable file is a usage error, said now
            }
        }
        if (https) {
            settings = settings.withHttp("https", settings.httpPath(), settings.httpAcceptedCodes());
        }
        String probeKind = kind != null ? kind.strip().toLowerCase(Locale.ROOT)
                : pm.map(p -> p.probe().yamlName()).orElse("sip-options");
        if (!HealthProbes.KINDS.contains(probeKind)) {
            throw new IllegalArgumentException("unknown probe kind '" + kind + "' (known: "
                    + String.join(", ", HealthProbes.KINDS) + ")");
        }
        if (probeKind.equals("snmp") && settings.snmp().isEmpty()) {
            throw new IllegalArgumentException("an snmp probe needs the PhoneManager's SNMP credentials: name it with "
                    + "--config FILE (there is no built-in community)");
        }
        Transport via = transport != null ? Transport.parse(transport)
                : pm.map(p -> Transport.parse(p.transport().yamlName())).orElse(Transport.UDP);
        ServerAddress address = pm.map(p -> new ServerAddress(p.host(), p.probePort()))
                .orElseGet(() -> ServerAddress.parse(target));
        return new Plan(pm.map(PhoneManagerConfig::name).orElse("phonectl probe"), address, via, probeKind, settings);
    }
}

package org.phonecontroller.daemon.cli;

import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import org.phonecontroller.config.Durations;
import org.phonecontroller.protocols.Endpoint;
import org.phonecontroller.protocols.HealthProbe;
import org.phonecontroller.protocols.ProbeResult;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.Transport;
import org.phonecontroller.protocols.probe.HealthProbes;
import org.phonecontroller.protocols.probe.ProbeSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code phonectl probe HOST:PORT}: one health probe, as the daemon would send it; exit 0 up, 1 down. */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"Sends one health probe to a PhoneManager, as the daemon does, and prints UP with the "
                + "latency or DOWN with the reason. Exit 0 when up, 1 when down.",
                "Runs without the daemon and without a configuration."})
final class ProbeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "HOST:PORT", description = "the PhoneManager (port 5060 when omitted)")
    String target;

    @Option(names = "--transport", paramLabel = "udp|tcp|tls", defaultValue = "udp",
            description = "SIP transport of sip-options (default: ${DEFAULT-VALUE})")
    String transport;

    @Option(names = "--kind", paramLabel = "KIND", defaultValue = "sip-options",
            description = "sip-options, tcp, http or snmp (default: ${DEFAULT-VALUE})")
    String kind;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "500ms",
            description = "how long the probe waits, e.g. 500ms, 2s (default: ${DEFAULT-VALUE})")
    String timeout;

    @Option(names = "--json", description = "JSON on stdout")
    boolean json;

    /** What {@code --json} prints. */
    record ProbeReport(String target, String kind, String transport, String state, Double latencyMillis,
                       String reason, String detail) {
    }

    @Override
    public Integer call() throws InterruptedException {
        ServerAddress address;
        Transport via;
        Duration wait;
        try {
            address = ServerAddress.parse(target);
            via = Transport.parse(transport);
            wait = Durations.parse(timeout);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        if (!HealthProbes.KINDS.contains(kind)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown probe kind '" + kind
                    + "' (known: " + String.join(", ", HealthProbes.KINDS) + ")");
        }
        ProbeSettings settings;
        try {
            settings = ProbeSettings.defaults().withTimeout(wait);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--timeout: " + e.getMessage(), e);
        }
        ProbeResult result;
        try (HealthProbe probe = via == Transport.TLS ? HealthProbes.create(kind, settings, SSLContext.getDefault())
                : HealthProbes.create(kind, settings)) {
            result = probe.probe(new Endpoint("phonectl probe", address, via))
                    .get(wait.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (NoSuchAlgorithmException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the probe of " + address + " did not complete", e);
        }
        var out = spec.commandLine().getOut();
        ProbeReport report = switch (result) {
            case ProbeResult.Up up -> new ProbeReport(address.toString(), kind, via.configName(), "UP",
                    up.latency().toNanos() / 1e6, null, null);
            case ProbeResult.Down down -> new ProbeReport(address.toString(), kind, via.configName(), "DOWN", null,
                    down.reason().name(), down.detail());
        };
        if (json) {
            JsonOutput.print(out, report);
        } else {
            out.println(report.state().equals("UP")
                    ? String.format(Locale.ROOT, "UP %.1f ms", report.latencyMillis())
                    : "DOWN " + report.reason().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + report.detail());
            out.flush();
        }
        return report.state().equals("UP") ? ExitCodes.OK : ExitCodes.PARTLY_FAILED;
    }
}

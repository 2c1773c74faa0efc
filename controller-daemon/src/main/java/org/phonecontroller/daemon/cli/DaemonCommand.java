package org.phonecontroller.daemon.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.phonecontroller.config.ConfigLoadResult;
import org.phonecontroller.daemon.config.KnownProfiles;
import org.phonecontroller.daemon.adapters.Metering;
import org.phonecontroller.daemon.admin.ControllerMetrics;
import org.phonecontroller.daemon.runtime.Daemon;
import org.phonecontroller.daemon.runtime.DaemonAdmin;
import org.phonecontroller.daemon.runtime.DaemonStartException;
import org.phonecontroller.daemon.adapters.DefaultProbeFactory;
import org.phonecontroller.daemon.adapters.DefaultProtocolFactory;
import org.phonecontroller.daemon.events.DaemonLogging;
import org.phonecontroller.daemon.time.TimeSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code phonectl daemon --config FILE}: runs the daemon in the foreground until SIGTERM (or Ctrl-C), which stops it
 * cleanly. Reloads its configuration on SIGHUP and when the file changes.
 */
@Command(name = "daemon", mixinStandardHelpOptions = true,
        description = {"Run the PhoneController daemon in the foreground (what the service runs).",
                "Stops cleanly on SIGTERM; reloads the configuration on SIGHUP and when the file changes."})
public final class DaemonCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "the configuration file")
    Path config;

    @Option(names = "--logs", paramLabel = "DIR", defaultValue = "logs",
            description = "folder of phonecontroller.log and events.jsonl (default: ${DEFAULT-VALUE}, relative to"
                    + " the working directory)")
    Path logs;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        ConfigLoadResult loaded = KnownProfiles.loader().load(config);
        if (loaded instanceof ConfigLoadResult.Invalid invalid) {
            invalid.problems().forEach(problem -> err.println(problem));
            err.println("phonectl daemon: the configuration has " + invalid.problems().size()
                    + " problem(s); not started");
            return ExitCodes.USAGE_OR_CONFIG;
        }
        DaemonLogging.configure(logs);
        var metrics = ControllerMetrics.withJvmMetrics();
        var protocols = Metering.protocols(new DefaultProtocolFactory(((ConfigLoadResult.Valid) loaded).config()),
                metrics);
        Daemon daemon;
        try {
            daemon = Daemon.start(new Daemon.Options(config, logs,
                    Metering.probes(new DefaultProbeFactory(), metrics, System::nanoTime), protocols,
                    TimeSource.system(), Duration.ofSeconds(2), Optional.of(metrics)));
        } catch (DaemonStartException e) {
            protocols.close();
            e.problems().forEach(problem -> err.println(problem));
            err.println("phonectl daemon: " + e.getMessage());
            return e.problems().isEmpty() ? ExitCodes.PARTLY_FAILED : ExitCodes.USAGE_OR_CONFIG;
        }
        metrics.withBuildInfo(DaemonAdmin.version()); // build_info, transition counters
        daemon.events().subscribe(metrics::counted);
        Runtime.getRuntime().addShutdownHook(new Thread(daemon::close, "phonectl-shutdown"));
        daemon.reloadOnHangupAndFileChange();
        out.println("phonectl daemon running (config " + config.toAbsolutePath() + ", logs "
                + logs.toAbsolutePath() + "); stop with SIGTERM or Ctrl-C");
        out.flush();
        daemon.awaitStop();
        return ExitCodes.OK;
    }
}

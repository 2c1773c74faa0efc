package org.phonecontroller.daemon.cli;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.phonecontroller.config.ConfigLoadResult;
import org.phonecontroller.config.ConfigLoader;
import org.phonecontroller.config.ConfigProblem;
import org.phonecontroller.config.ControllerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code phonectl config validate --config FILE}: every problem of a configuration, or a one-line summary. */
@Command(name = "validate",
        mixinStandardHelpOptions = true,
        description = {"Checks a configuration file and its credentials file and lists every problem, one per line "
                + "as FILE:LINE:COLUMN: MESSAGE, on stderr.",
                "Sends nothing over the network and resolves no host names."})
final class ConfigValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "the configuration file, "
            + "e.g. conf/controller.yaml")
    Path config;

    @Override
    public Integer call() {
        return switch (org.phonecontroller.daemon.provisioning.ProvisioningProfileCheck.loader().load(config)) {
            case ConfigLoadResult.Valid valid -> {
                spec.commandLine().getOut().println(config + ": valid \u2014 " + summary(valid.config()));
                spec.commandLine().getOut().flush();
                yield ExitCodes.OK;
            }
            case ConfigLoadResult.Invalid invalid -> {
                for (ConfigProblem problem : invalid.problems()) {
                    spec.commandLine().getErr().println(problem);
                }
                spec.commandLine().getErr().println(config + ": invalid \u2014 " + count(invalid.problems().size(),
                        "problem", "problems"));
                spec.commandLine().getErr().flush();
                yield ExitCodes.USAGE_OR_CONFIG;
            }
        };
    }

    static String summary(ControllerConfig config) {
        BigInteger addresses = config.addressCount();
        return count(config.phoneManagers().size(), "PhoneManager", "PhoneManagers") + ", "
                + count(config.ranges().size(), "range", "ranges") + ", "
                + String.format(Locale.ROOT, "%,d %s", addresses,
                        addresses.equals(BigInteger.ONE) ? "address" : "addresses");
    }

    private static String count(int n, String one, String many) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? one : many);
    }
}

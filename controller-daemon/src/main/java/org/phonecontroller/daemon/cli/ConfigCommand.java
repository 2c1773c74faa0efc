package org.phonecontroller.daemon.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code phonectl config ...}: work with configuration files, without a daemon. */
@Command(name = "config",
        mixinStandardHelpOptions = true,
        description = "Work with configuration files.",
        subcommands = {ConfigValidateCommand.class})
final class ConfigCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command; see the list below");
    }
}

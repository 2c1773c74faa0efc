package org.phonecontroller.daemon.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code phonectl}: the command line of PhoneController. Each subcommand returns an {@link ExitCodes} value;
 * add new subcommands to the {@code subcommands} list below.
 */
@Command(name = "phonectl",
        mixinStandardHelpOptions = true,
        versionProvider = PhonectlVersion.class,
        description = "Keeps IP desk phones working when their PhoneManager dies: configuration, status, failback.",
        subcommands = {
                ConfigCommand.class,
                DaemonCommand.class,
                StatusCommand.class,
                PhonesCommand.class,
                ScanCommand.class,
                FailbackCommand.class,
                FailoverCommand.class,
                EventsCommand.class,
                ProvisioningCommand.class,
                InspectCommand.class,
                ProbeCommand.class,
                DiscoverCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class Phonectl implements Runnable {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("daemon")) {
            System.exit(daemonCommandLine().execute(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        System.exit(commandLine().execute(args));
    }

    /**
     * {@code phonectl daemon} alone, as the service starts it: picocli builds the model of one command instead of
     * every subcommand (with their classes), which was a third of the time from start to the first probe (issue
     * #17). Usage, errors and exit codes are those of {@code phonectl daemon} within the whole command line.
     */
    static CommandLine daemonCommandLine() {
        CommandLine commandLine = new CommandLine(new DaemonCommand());
        commandLine.setCommandName("phonectl daemon");
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        applyExitCodes(commandLine);
        return commandLine;
    }

    /** The command line, ready to {@code execute}; tests set their own writers on it. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Phonectl());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        applyExitCodes(commandLine);
        return commandLine;
    }

    /** Convenience for tests and embedding: run with the given writers. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = commandLine();
        commandLine.setOut(out);
        commandLine.setErr(err);
        return commandLine.execute(args);
    }

    /** Every command: usage errors exit 2, unexpected exceptions 1, and --help lists the codes. */
    private static void applyExitCodes(CommandLine commandLine) {
        commandLine.getCommandSpec()
                .exitCodeOnInvalidInput(ExitCodes.USAGE_OR_CONFIG)
                .exitCodeOnExecutionException(ExitCodes.PARTLY_FAILED)
                .usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCodes.descriptions());
        commandLine.getSubcommands().values().forEach(Phonectl::applyExitCodes);
    }

    /** Without a subcommand there is nothing to do: a usage error, with the list of subcommands. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command; see the list below");
    }
}

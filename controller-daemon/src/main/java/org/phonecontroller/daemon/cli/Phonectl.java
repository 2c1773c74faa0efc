package org.phonecontroller.daemon.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code phonectl}: the root command. Its subcommands return the exit codes of {@link ExitCodes}. */
@Command(name = "phonectl", mixinStandardHelpOptions = true,
        description = "PhoneController: keeps IP desk phones working when their PhoneManager dies.",
        subcommands = {StatusCommand.class, PhonesCommand.class, ScanCommand.class, FailbackCommand.class,
                FailoverCommand.class, EventsCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:everything asked was done",
            "1:partly failed (failed or deferred phones, a refused failback)",
            "2:usage or configuration error",
            "3:the daemon does not answer"})
public final class Phonectl {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Phonectl()).execute(args));
    }
}

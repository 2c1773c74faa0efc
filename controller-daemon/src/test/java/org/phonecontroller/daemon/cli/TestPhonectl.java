package org.phonecontroller.daemon.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The client commands under a root named phonectl, as the real root registers them. */
@Command(name = "phonectl", mixinStandardHelpOptions = true)
final class TestPhonectl {

    static CommandLine commandLine(CommandLine.IFactory factory) {
        CommandLine root = new CommandLine(new TestPhonectl(), factory);
        for (Class<?> command : ClientCommands.all()) {
            root.addSubcommand(command);
        }
        return root;
    }
}

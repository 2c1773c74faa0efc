package org.phonecontroller.daemon.cli;

import java.util.List;

/** The commands that ask the running daemon, in the order {@code phonectl --help} lists them. */
final class ClientCommands {

    private ClientCommands() {
    }

    static List<Class<?>> all() {
        return List.of(StatusCommand.class, PhonesCommand.class, ScanCommand.class, FailbackCommand.class,
                FailoverCommand.class, EventsCommand.class);
    }
}

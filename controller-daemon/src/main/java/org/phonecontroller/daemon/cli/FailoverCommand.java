package org.phonecontroller.daemon.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code phonectl failover}: planned maintenance of a primary. */
@Command(name = "failover", mixinStandardHelpOptions = true,
        description = "Move every phone of a range to its fallback PhoneManager, e.g. before maintenance of the"
                + " primary. Bring them back with phonectl failback.")
final class FailoverCommand extends ClientCommand {

    @Option(names = "--range", paramLabel = "R", required = true, description = "The range to move.")
    String range;

    @Mixin
    WaitOption waiting;

    @Override
    int run(AdminClient client) {
        return JobsStarted.report(client.failover(range), waiting, client, out(), clock);
    }
}

package org.phonecontroller.daemon.cli;

import org.phonecontroller.daemon.admin.FailbackAnswer;
import org.phonecontroller.daemon.admin.FailbackRequest;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code phonectl failback}: "rescan to primary". */
@Command(name = "failback", mixinStandardHelpOptions = true,
        description = "Bring the phones of a range (or of every range) back to their primary PhoneManager."
                + " Refused while the primary is not UP, unless --force.")
final class FailbackCommand extends ClientCommand {

    @ArgGroup(multiplicity = "1")
    Which which;

    static final class Which {
        @Option(names = "--range", paramLabel = "R", required = true, description = "The range to bring back.")
        String range;

        @Option(names = "--all", required = true, description = "Every range that is on its fallback.")
        boolean all;
    }

    @Option(names = "--dry-run", description = "Change nothing; list the phones that would be reprogrammed.")
    boolean dryRun;

    @Option(names = "--force", description = "Fail back even though the primary is not UP.")
    boolean force;

    @Mixin
    WaitOption waiting;

    @Override
    int run(AdminClient client) {
        FailbackAnswer answer = client.failback(new FailbackRequest(which.range, which.all, dryRun, force));
        return switch (answer) {
            case FailbackAnswer.Started started -> JobsStarted.report(started.jobs(), waiting, client, out(), clock);
            case FailbackAnswer.Refused refused -> {
                err().println("phonectl failback: refused: " + refused.reason());
                err().println("  What to do: " + refused.advice());
                err().flush();
                yield ExitCodes.PARTLY_FAILED;
            }
            case FailbackAnswer.DryRun dry -> {
                TextTable table = new TextTable("PHONE", "RANGE", "FROM", "TO");
                dry.changes().forEach(c -> table.row(c.phone(), c.range(), c.from(), c.to()));
                if (table.size() > 0) {
                    table.print(out());
                }
                out().printf("Dry run: %d phone%s would be reprogrammed; nothing was changed.%n", table.size(),
                        table.size() == 1 ? "" : "s");
                out().flush();
                yield ExitCodes.OK;
            }
        };
    }
}

package org.phonecontroller.daemon.cli;

import java.util.List;
import org.phonecontroller.daemon.admin.JobRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code phonectl scan}: discovery now. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Discover the phones of one range, or of every range, now.")
final class ScanCommand extends ClientCommand {

    @Option(names = "--range", paramLabel = "R", description = "Only this range (default: every range).")
    String range;

    @Mixin
    WaitOption waiting;

    @Override
    int run(AdminClient client) {
        List<JobRef> jobs = client.scan(range);
        return JobsStarted.report(jobs, waiting, client, out(), clock);
    }
}

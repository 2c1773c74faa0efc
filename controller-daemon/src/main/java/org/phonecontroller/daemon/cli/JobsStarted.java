package org.phonecontroller.daemon.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import org.phonecontroller.daemon.admin.JobRef;

/** What the job-starting commands print: the started jobs, then (with --wait) their progress and verdict. */
final class JobsStarted {

    private JobsStarted() {
    }

    static int report(List<JobRef> jobs, WaitOption waiting, AdminClient client, PrintWriter out, Clock clock) {
        for (JobRef job : jobs) {
            out.println("Started " + JobWaiter.describe(job) + ".");
        }
        if (!waiting.wait) {
            out.println("It runs in the daemon; watch it with phonectl status or phonectl events --follow.");
            out.flush();
            return ExitCodes.OK;
        }
        out.flush();
        return new JobWaiter(client, out, clock, waiting.poll).waitFor(jobs);
    }
}

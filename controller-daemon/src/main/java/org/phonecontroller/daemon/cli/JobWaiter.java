package org.phonecontroller.daemon.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.phonecontroller.daemon.admin.JobProgress;
import org.phonecontroller.daemon.admin.JobRef;

/**
 * {@code --wait}: follows jobs until they finish, shows their progress, then prints the verdict and every phone that
 * failed or was deferred, with why. The exit code follows the verdict.
 */
final class JobWaiter {

    private final AdminClient client;
    private final PrintWriter out;
    private final Clock clock;
    private final Duration poll;

    JobWaiter(AdminClient client, PrintWriter out, Clock clock, Duration poll) {
        this.client = client;
        this.out = out;
        this.clock = clock;
        this.poll = poll;
    }

    /** Waits for each job in turn; the worst exit code wins. */
    int waitFor(List<JobRef> jobs) {
        int exit = ExitCodes.OK;
        for (JobRef job : jobs) {
            exit = Math.max(exit, waitFor(job));
        }
        return exit;
    }

    private int waitFor(JobRef job) {
        String task = describe(job);
        JobProgress progress;
        try (ProgressDisplay display = ProgressDisplay.forOutput(task, out, clock)) {
            while (true) {
                Optional<JobProgress> current = client.job(job.id());
                if (current.isEmpty()) {
                    throw new AdminCallFailed(ExitCodes.PARTLY_FAILED, "the daemon no longer knows job " + job.id()
                            + " (" + task + ")", "did it restart? See phonectl events --since 1h");
                }
                progress = current.get();
                display.show(progress);
                if (progress.finished()) {
                    break;
                }
                pause();
            }
        }
        return verdict(task, progress);
    }

    private int verdict(String task, JobProgress p) {
        String took = p.finishedAt() == null ? "" : " in " + Show.duration(Duration.between(p.startedAt(), p.finishedAt()));
        out.printf("%s %s%s: %d of %d done, %d verified, %d deferred, %d failed%n", task, switch (p.verdict()) {
            case SUCCEEDED -> "succeeded";
            case PARTLY_FAILED -> "finished with problems";
            case FAILED -> "FAILED";
            case RUNNING -> "is still running";
        }, took, p.done(), p.total(), p.verified(), p.deferred(), p.failed());
        if (!p.problems().isEmpty()) {
            TextTable table = new TextTable("PHONE", "OUTCOME", "REASON");
            p.problems().forEach(v -> table.row(v.phone(), v.outcome(), v.reason()));
            table.print(out);
            out.println("Deferred phones are retried by the daemon; failed ones after their backoff."
                    + " See them with: phonectl phones --state FAILED");
        }
        out.flush();
        return p.verdict() == JobProgress.Verdict.SUCCEEDED ? ExitCodes.OK : ExitCodes.PARTLY_FAILED;
    }

    static String describe(JobRef job) {
        return job.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + (job.range() == null ? "of every range"
                : "of " + job.range()) + " (job " + job.id() + ")";
    }

    private void pause() {
        try {
            Thread.sleep(poll);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminCallFailed(ExitCodes.PARTLY_FAILED, "stopped waiting; the job goes on in the daemon",
                    "follow it with phonectl events --follow");
        }
    }
}

package org.phonecontroller.daemon.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --wait} for the commands that start jobs. */
final class WaitOption {

    @Option(names = "--wait",
            description = "Wait until the job ends: a progress bar on a terminal, progress lines otherwise; then the"
                    + " verdict and every phone that failed or was deferred. Exit 0 when all went well, 1 otherwise.")
    boolean wait;

    /** How often the job is asked for; tests shorten it. */
    Duration poll = Duration.ofMillis(250);
}

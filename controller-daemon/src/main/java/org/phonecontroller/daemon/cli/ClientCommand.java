package org.phonecontroller.daemon.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A {@code phonectl} command that asks the running daemon through its admin API. Failures end with their advice on
 * stderr and the exit code they deserve; nothing but the answer goes to stdout.
 */
abstract class ClientCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions connection;

    /** The clock for "5m ago" and {@code --since}; tests set a fixed one. */
    Clock clock = Clock.systemDefaultZone();

    /** The environment for finding the default configuration; tests replace it. */
    Map<String, String> environment = System.getenv();

    @Override
    public final Integer call() {
        try {
            return run(AdminClient.connect(connection.endpoint(environment)));
        } catch (AdminCallFailed failed) {
            PrintWriter err = err();
            err.println("phonectl " + spec.name() + ": " + failed.getMessage());
            if (!failed.advice().isEmpty()) {
                err.println("  What to do: " + failed.advice());
            }
            return failed.exitCode();
        }
    }

    /** Does the work and returns the exit code. */
    abstract int run(AdminClient client);

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}

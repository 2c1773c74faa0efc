package org.phonecontroller.daemon.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;

/** One {@code phonectl} invocation in-process: its exit code and what it wrote on stdout and stderr. */
record PhonectlRun(int exitCode, String out, String err) {

    static PhonectlRun run(Clock clock, Map<String, String> environment, String... args) {
        return run(clock, environment, new StringWriter(), new StringWriter(), args);
    }

    /** With writers the caller watches while the command runs. */
    static PhonectlRun run(Clock clock, Map<String, String> environment,
                           StringWriter out, StringWriter err, String... args) {
        CommandLine phonectl = Phonectl.commandLine();
        phonectl.setOut(new PrintWriter(out, true));
        phonectl.setErr(new PrintWriter(err, true));
        phonectl.getSubcommands().values().forEach(sub -> {
            if (sub.getCommand() instanceof ClientCommand client) {
                client.clock = clock;
                client.environment = environment;
            }
        });
        int exit = phonectl.execute(args);
        return new PhonectlRun(exit, out.toString(), err.toString());
    }
}

package org.phonecontroller.diagnostics;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.phonecontroller.daemon.cli.Phonectl;

/** One in-process {@code phonectl} run: exit code, stdout, stderr. */
record Cli(int exitCode, String out, String err) {

    static Cli phonectl(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int exit = Phonectl.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Cli(exit, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}

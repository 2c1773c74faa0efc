package org.phonecontroller.daemon.cli;

import com.fasterxml.jackson.core.JacksonException;
import java.io.PrintWriter;
import org.phonecontroller.daemon.admin.AdminJson;

/** {@code --json}: the daemon's answer as JSON on stdout, pretty for arrays and objects, one line for streams. */
final class JsonOutput {

    private JsonOutput() {
    }

    static void print(PrintWriter out, Object value) {
        try {
            out.println(AdminJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value));
            out.flush();
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    static void printLine(PrintWriter out, Object value) {
        try {
            out.println(AdminJson.mapper().writeValueAsString(value));
            out.flush();
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}

package org.phonecontroller.daemon.runtime;

import java.util.List;

/** The daemon cannot start; the message says why (every configuration problem, a held lock, a database error). */
public class DaemonStartException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public DaemonStartException(String message, List<String> problems, Throwable cause) {
        super(message, cause);
        this.problems = List.copyOf(problems);
    }

    /** Every configuration problem as {@code file:line:column: message}; empty for other causes. */
    public List<String> problems() {
        return problems;
    }
}

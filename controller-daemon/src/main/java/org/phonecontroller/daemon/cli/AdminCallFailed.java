package org.phonecontroller.daemon.cli;

import java.util.Objects;

/**
 * A client command could not get what it asked for. The message says what happened, {@link #advice()} what to do,
 * and {@link #exitCode()} is the {@code phonectl} exit code it ends with.
 */
public final class AdminCallFailed extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;
    private final String advice;

    public AdminCallFailed(int exitCode, String message, String advice, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.exitCode = exitCode;
        this.advice = advice == null ? "" : advice;
    }

    public AdminCallFailed(int exitCode, String message, String advice) {
        this(exitCode, message, advice, null);
    }

    public int exitCode() {
        return exitCode;
    }

    public String advice() {
        return advice;
    }
}

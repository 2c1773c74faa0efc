package org.phonecontroller.config;

import java.util.Objects;

/**
 * One thing wrong with a configuration or credentials file, where it is and what is wrong. Line and
 * column count from 1; line 0 means the file as a whole (missing, unreadable, wrong permissions).
 * Messages never contain secrets.
 */
public record ConfigProblem(String file, int line, int column, String message) {
    public ConfigProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    /** {@code file:line:column: message}, or {@code file: message} for the file as a whole. */
    @Override
    public String toString() {
        return line == 0 ? file + ": " + message : file + ":" + line + ":" + column + ": " + message;
    }
}

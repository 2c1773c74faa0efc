package org.phonecontroller.scenarios;

import java.util.List;

/** What a command printed and how it exited. */
record CommandResult(List<String> command, int exitCode, String out, String err) {

    /** Everything, for assertion messages. */
    String all() {
        return String.join(" ", command) + "\nexit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}

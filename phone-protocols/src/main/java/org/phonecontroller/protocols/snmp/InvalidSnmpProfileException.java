package org.phonecontroller.protocols.snmp;

import java.util.List;

/**
 * A profile file that cannot be used. The message lists every problem, each as {@code file:line: message}.
 */
public class InvalidSnmpProfileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public InvalidSnmpProfileException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem as {@code file:line: message}. */
    public List<String> problems() {
        return problems;
    }
}

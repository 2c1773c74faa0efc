package org.phonecontroller.protocols.provisioning;

import java.util.List;

/** A provisioning profile that cannot be used; every problem as {@code file:line:column: message}. */
public final class InvalidProvisioningProfileException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<String> problems;

    public InvalidProvisioningProfileException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

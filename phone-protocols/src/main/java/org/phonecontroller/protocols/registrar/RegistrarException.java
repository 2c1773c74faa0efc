package org.phonecontroller.protocols.registrar;

import java.util.Objects;
import org.phonecontroller.protocols.FailureReason;

/** A registrar could not be read: its view is unknown. The message never holds a secret. */
public final class RegistrarException extends Exception {
    private static final long serialVersionUID = 1L;

    private final FailureReason reason;

    public RegistrarException(FailureReason reason, String message) {
        this(reason, message, null);
    }

    public RegistrarException(FailureReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public FailureReason reason() {
        return reason;
    }
}

package org.phonecontroller.protocols;

import java.util.Objects;

/**
 * A failed exchange with a phone, with its reason. Futures of the SPI complete exceptionally with this type only.
 * The message names the phone and what was attempted, never a secret.
 */
public class PhoneProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    private final FailureReason reason;

    public PhoneProtocolException(FailureReason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public PhoneProtocolException(FailureReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public FailureReason reason() {
        return reason;
    }
}

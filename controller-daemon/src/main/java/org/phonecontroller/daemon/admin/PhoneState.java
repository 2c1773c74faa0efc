package org.phonecontroller.daemon.admin;

/** Where a phone stands with respect to its range's desired target. */
public enum PhoneState {
    /** Its observed server is the desired one (verified by reading back). */
    SYNCED,
    /** It must be reprogrammed and waits for (or is in) a push. */
    PENDING,
    /**
     * Pushed and read back, but not (yet) registered at its target, whose registrar view is the final proof; FAILED
     * {@code NOT_REGISTERED} when it does not register within the deadline.
     */
    APPLIED,
    /** Its push is put off, e.g. because the phone is in a call. */
    DEFERRED,
    /** Its last push failed (see {@link PhoneView#lastError()}); it is retried with backoff. */
    FAILED,
    /** It did not answer the last time the controller tried to reach it. */
    UNREACHABLE
}

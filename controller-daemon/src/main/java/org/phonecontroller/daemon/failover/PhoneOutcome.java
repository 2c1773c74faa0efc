package org.phonecontroller.daemon.failover;

/** What one reconciler step did with one phone. */
public sealed interface PhoneOutcome {

    /** Reading back showed the desired servers; {@code pushed} is false when it already had them. */
    record Verified(boolean pushed, int attempts) implements PhoneOutcome {
    }

    /**
     * Pushed and read back, not registered at the target (which has a registrar view) yet; the reconciler watches
     * the view until the deadline.
     */
    record Applied(boolean pushed, int attempts) implements PhoneOutcome {
    }

    /** Put off (in a call); looked at again later. */
    record Deferred(String reason) implements PhoneOutcome {
    }

    /** Retries ran out or the failure cannot be retried. */
    record Failed(String reason, int attempts) implements PhoneOutcome {
    }

    /** The range's desired target changed meanwhile; this step's result no longer matters. */
    record Superseded() implements PhoneOutcome {
    }
}

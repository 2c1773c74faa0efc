package org.phonecontroller.lab;

/** What a simulated phone did with a request to change its servers. */
public sealed interface ChangeOutcome {
    /** The change is in effect; the phone re-registers (after its reboot, if it simulates one). */
    record Applied() implements ChangeOutcome {
    }

    /** The phone is in a call and stored the change; it re-registers when the call ends. */
    record Deferred() implements ChangeOutcome {
    }

    /** The phone is in a call and refuses changes meanwhile. */
    record RefusedBusy() implements ChangeOutcome {
    }

    /** The value is not a server address. */
    record Invalid(String reason) implements ChangeOutcome {
    }
}

package org.phonecontroller.lab.internal;

/** Where a simulated phone's SIP registration stands. */
public enum RegistrationState {
    /** Sending REGISTER (and retransmitting) to one of its servers. */
    REGISTERING,
    /** Registered; a refresh is scheduled. */
    REGISTERED,
    /** Its last attempt failed; it tries the next server after a pause. */
    WAITING,
    /** Rebooting after a change: answers nothing, registers when it is back. */
    REBOOTING
}

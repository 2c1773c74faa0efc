package org.phonecontroller.lab;

/** What a phone in a call does with a reconfiguration. */
public enum BusyPolicy {
    /** Rejects the change (Polycom answers {@code "Status":"4001"} device busy; SNMP answers resourceUnavailable). */
    REFUSE,
    /** Accepts and stores the change, but re-registers to the new server only when the call ends. */
    DEFER,
    /** Applies the change at once, as if there were no call. */
    APPLY
}

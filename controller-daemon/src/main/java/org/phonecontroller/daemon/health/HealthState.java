package org.phonecontroller.daemon.health;

/**
 * The health of a PhoneManager as the controller judges it from its probes. The legal moves between these states
 * are data: {@link HealthTransitions}.
 */
public enum HealthState {
    /** Not probed yet since the daemon started. */
    UNKNOWN,
    /** Answering. */
    UP,
    /** Missed at least one probe, not yet enough to be DOWN. */
    SUSPECT,
    /** Missed failuresToDown probes in a row: its ranges fail over. */
    DOWN,
    /** Answered again after being DOWN, not yet successesToUp times in a row. */
    RECOVERING
}

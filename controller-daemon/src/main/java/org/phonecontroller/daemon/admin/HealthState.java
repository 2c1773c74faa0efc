package org.phonecontroller.daemon.admin;

/** The health of a PhoneManager as the admin API reports it (the states of the daemon's health machine). */
public enum HealthState {
    UP, SUSPECT, DOWN, RECOVERING,
    /** Not probed yet since the daemon started. */
    UNKNOWN
}

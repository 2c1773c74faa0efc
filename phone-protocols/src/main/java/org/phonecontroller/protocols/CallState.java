package org.phonecontroller.protocols;

/** Whether a phone is in a call; a phone in a call is not reprogrammed until its call ends (or a limit passes). */
public enum CallState {
    IDLE, BUSY, UNKNOWN
}

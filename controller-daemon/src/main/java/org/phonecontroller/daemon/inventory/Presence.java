package org.phonecontroller.daemon.inventory;

/** Whether discovery still finds a phone. A phone missing from N scans is GONE; it is never deleted. */
public enum Presence {
    PRESENT, GONE
}

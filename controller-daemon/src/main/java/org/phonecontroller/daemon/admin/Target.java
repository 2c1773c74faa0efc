package org.phonecontroller.daemon.admin;

/** Which PhoneManager of its range a phone should be registered to. */
public enum Target {
    PRIMARY, FALLBACK
}

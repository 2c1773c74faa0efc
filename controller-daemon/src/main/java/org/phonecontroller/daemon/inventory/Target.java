package org.phonecontroller.daemon.inventory;

/** Which of its two PhoneManagers a range's phones should use. */
public enum Target {
    PRIMARY, FALLBACK;

    public Target other() {
        return this == PRIMARY ? FALLBACK : PRIMARY;
    }
}

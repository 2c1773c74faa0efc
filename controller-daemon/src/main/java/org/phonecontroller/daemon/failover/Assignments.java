package org.phonecontroller.daemon.failover;

import org.phonecontroller.protocols.ServerAssignment;

/** Comparing what a phone has with what it should have. */
final class Assignments {

    private Assignments() {
    }

    /**
     * True when {@code actual} is {@code desired} or its leading part: a phone with fewer server slots than the
     * assignment (e.g. one registrar field) is on target when the slots it has hold the desired servers.
     */
    static boolean satisfies(ServerAssignment actual, ServerAssignment desired) {
        int n = actual.servers().size();
        return n <= desired.servers().size() && actual.servers().equals(desired.servers().subList(0, n));
    }
}

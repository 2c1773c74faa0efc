package org.phonecontroller.lab;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** A simulated PhoneManager's process state; the legal transitions are data. */
public enum PhoneManagerState {
    /** Bound and answering. */
    UP,
    /** Bound but silent: requests are read and ignored (a hung process). */
    HUNG,
    /** Sockets closed: the kernel answers UDP with ICMP port unreachable and TCP with RST (a dead process). */
    KILLED;

    private static final Map<PhoneManagerState, Set<PhoneManagerState>> LEGAL = Map.of(
            UP, EnumSet.of(HUNG, KILLED, UP),
            HUNG, EnumSet.of(UP, KILLED),
            KILLED, EnumSet.of(UP));

    /** Whether a PhoneManager in this state may go to {@code next} ({@code UP -> UP} is a restart). */
    public boolean canGoTo(PhoneManagerState next) {
        return LEGAL.get(this).contains(next);
    }
}

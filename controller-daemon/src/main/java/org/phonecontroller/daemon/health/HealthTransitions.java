package org.phonecontroller.daemon.health;

import static org.phonecontroller.daemon.health.HealthState.DOWN;
import static org.phonecontroller.daemon.health.HealthState.RECOVERING;
import static org.phonecontroller.daemon.health.HealthState.SUSPECT;
import static org.phonecontroller.daemon.health.HealthState.UNKNOWN;
import static org.phonecontroller.daemon.health.HealthState.UP;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The legal moves of a PhoneManager's health, as data. Anything not listed here is a bug and throws. */
public final class HealthTransitions {

    private static final Map<HealthState, Set<HealthState>> LEGAL = new EnumMap<>(HealthState.class);

    static {
        LEGAL.put(UNKNOWN, EnumSet.of(UP, SUSPECT));
        LEGAL.put(UP, EnumSet.of(SUSPECT));
        LEGAL.put(SUSPECT, EnumSet.of(UP, DOWN));
        LEGAL.put(DOWN, EnumSet.of(RECOVERING));
        LEGAL.put(RECOVERING, EnumSet.of(UP, DOWN));
    }

    private HealthTransitions() {
    }

    public static boolean isLegal(HealthState from, HealthState to) {
        return LEGAL.get(from).contains(to);
    }

    /** The states {@code from} may move to. */
    public static Set<HealthState> from(HealthState from) {
        return Collections.unmodifiableSet(LEGAL.get(from));
    }

    /** @throws IllegalStateException naming the PhoneManager when the move is not in the table */
    static void check(String phoneManager, HealthState from, HealthState to) {
        if (!isLegal(from, to)) {
            throw new IllegalStateException("illegal health transition of " + phoneManager + ": " + from + " -> "
                    + to + " (legal from " + from + ": " + LEGAL.get(from) + ")");
        }
    }
}

package org.phonecontroller.daemon.health;

import org.phonecontroller.config.ProbeSettings;

/**
 * The hysteresis of the health state machine.
 *
 * @param failuresToDown consecutive failed probes that make a PhoneManager DOWN
 * @param successesToUp  consecutive answered probes that make a DOWN PhoneManager UP again
 */
public record HealthThresholds(int failuresToDown, int successesToUp) {

    public HealthThresholds {
        if (failuresToDown < 1 || successesToUp < 1) {
            throw new IllegalArgumentException("health thresholds must be at least 1, got failuresToDown="
                    + failuresToDown + " successesToUp=" + successesToUp);
        }
    }

    public static HealthThresholds of(ProbeSettings probe) {
        return new HealthThresholds(probe.failuresToDown(), probe.successesToUp());
    }
}

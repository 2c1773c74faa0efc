package org.phonecontroller.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How phones are moved between PhoneManagers.
 *
 * @param maxInFlight            phones being reprogrammed at the same time (default 64)
 * @param maxPerSecond           phones reprogrammed per second and PhoneManager (default 500)
 * @param busyPhones             phones in a call: DEFER (default) or IGNORE
 * @param maxBusyDeferral        how long a busy phone is deferred at most (default 10m)
 * @param failback               MANUAL (default) or AUTOMATIC
 * @param automaticFailbackAfter with AUTOMATIC: how long the primary must be UP first (default 10m)
 */
public record FailoverSettings(int maxInFlight, int maxPerSecond, BusyPolicy busyPhones, Duration maxBusyDeferral,
                               FailbackMode failback, Duration automaticFailbackAfter) {
    public static final FailoverSettings DEFAULTS = new FailoverSettings(64, 500, BusyPolicy.DEFER,
            Duration.ofMinutes(10), FailbackMode.MANUAL, Duration.ofMinutes(10));

    public FailoverSettings {
        Objects.requireNonNull(busyPhones, "busyPhones");
        Objects.requireNonNull(maxBusyDeferral, "maxBusyDeferral");
        Objects.requireNonNull(failback, "failback");
        Objects.requireNonNull(automaticFailbackAfter, "automaticFailbackAfter");
    }
}

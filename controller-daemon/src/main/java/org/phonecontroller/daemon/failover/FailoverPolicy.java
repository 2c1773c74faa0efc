package org.phonecontroller.daemon.failover;

import java.time.Duration;
import java.util.Objects;
import org.phonecontroller.config.BusyPolicy;
import org.phonecontroller.config.FailoverSettings;

/**
 * How the reconciler moves phones.
 *
 * @param maxInFlight     phones being reprogrammed at once
 * @param maxPerSecond    pushes per second per target PhoneManager
 * @param busyPhones      DEFER phones in a call, or IGNORE calls
 * @param maxBusyDeferral the longest a phone in a call is deferred, counted from its first deferral
 * @param retry           retries of a failed push
 * @param recheckEvery    how often deferred phones are looked at again, and an isolated controller checks again
 * @param callTimeout     the longest any single exchange with a phone may take (a guard over the adapters' own)
 */
public record FailoverPolicy(int maxInFlight, int maxPerSecond, BusyPolicy busyPhones, Duration maxBusyDeferral,
                             RetrySettings retry, Duration recheckEvery, Duration callTimeout) {

    /**
     * @param maxAttempts pushes per phone and run, the first included
     * @param firstDelay  the wait after the first failure; doubled after each further one up to {@code maxDelay}
     * @param maxDelay    the longest wait between two attempts
     * @param jitter      the random share (0..1) of each wait
     */
    public record RetrySettings(int maxAttempts, Duration firstDelay, Duration maxDelay, double jitter) {
        public static final RetrySettings DEFAULTS =
                new RetrySettings(4, Duration.ofMillis(250), Duration.ofSeconds(5), 0.25);

        public RetrySettings {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("retry maxAttempts must be at least 1, got " + maxAttempts);
            }
            if (jitter < 0 || jitter >= 1) {
                throw new IllegalArgumentException("retry jitter must be in [0, 1), got " + jitter);
            }
        }
    }

    public FailoverPolicy {
        if (maxInFlight < 1 || maxPerSecond < 1) {
            throw new IllegalArgumentException("maxInFlight and maxPerSecond must be at least 1");
        }
        Objects.requireNonNull(busyPhones, "busyPhones");
        Objects.requireNonNull(maxBusyDeferral, "maxBusyDeferral");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(recheckEvery, "recheckEvery");
        Objects.requireNonNull(callTimeout, "callTimeout");
    }

    public static FailoverPolicy of(FailoverSettings settings) {
        return new FailoverPolicy(settings.maxInFlight(), settings.maxPerSecond(), settings.busyPhones(),
                settings.maxBusyDeferral(), RetrySettings.DEFAULTS, Duration.ofSeconds(1), Duration.ofSeconds(10));
    }
}

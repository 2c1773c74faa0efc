package org.phonecontroller.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How PhoneManagers are probed.
 *
 * @param interval       time between two probes of one PhoneManager (default 1s)
 * @param timeout        a probe without answer after this long failed (default 500ms; below {@code interval})
 * @param failuresToDown consecutive failures that make a PhoneManager DOWN (default 3)
 * @param successesToUp  consecutive successes that make a DOWN PhoneManager UP again (default 3)
 * @param witnesses      hosts ({@code host} or {@code host:port}) this controller must still reach before it
 *                       declares anything DOWN, so an isolated controller fails nothing over (default none)
 */
public record ProbeSettings(Duration interval, Duration timeout, int failuresToDown, int successesToUp,
                            List<String> witnesses) {
    public static final ProbeSettings DEFAULTS =
            new ProbeSettings(Duration.ofSeconds(1), Duration.ofMillis(500), 3, 3, List.of());

    public ProbeSettings {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
        witnesses = List.copyOf(witnesses);
    }
}

package org.phonecontroller.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Scheduled discovery.
 *
 * @param schedule              Quartz cron expression (seconds first), default {@code 0 0 * * * ?} (hourly)
 * @param ratePerSecond         addresses asked per second (default 5000)
 * @param timeout               how long to wait for an answer per address (default 1s)
 * @param retries               extra attempts per silent address (default 1)
 * @param missedScansBeforeGone scans a known phone may miss before it counts as gone (default 3)
 */
public record ScanSettings(String schedule, int ratePerSecond, Duration timeout, int retries,
                           int missedScansBeforeGone) {
    public static final ScanSettings DEFAULTS = new ScanSettings("0 0 * * * ?", 5000, Duration.ofSeconds(1), 1, 3);

    public ScanSettings {
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(timeout, "timeout");
    }
}

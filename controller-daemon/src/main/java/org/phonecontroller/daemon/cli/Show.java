package org.phonecontroller.daemon.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.phonecontroller.config.Durations;

/** How the client commands write times and durations for people (JSON output keeps ISO-8601). */
final class Show {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Show() {
    }

    /** A timestamp in the local time zone of the clock, e.g. {@code 2026-11-21 10:02:13}. */
    static String time(Instant instant, Clock clock) {
        return instant == null ? "-" : LocalDateTime.ofInstant(instant, clock.getZone()).format(LOCAL);
    }

    /** {@code 2026-11-21 10:02:13 (5m ago)}. */
    static String timeAgo(Instant instant, Clock clock) {
        if (instant == null) {
            return "-";
        }
        Duration ago = Duration.between(instant, clock.instant());
        return time(instant, clock) + (ago.isNegative() ? "" : " (" + duration(ago) + " ago)");
    }

    /** A duration as the configuration writes it, at most two units: {@code 3ms}, {@code 1h30m}. */
    static String duration(Duration duration) {
        if (duration == null) {
            return "-";
        }
        if (duration.compareTo(Duration.ofMillis(1)) < 0) {
            return "<1ms";
        }
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            return Durations.format(duration.truncatedTo(ChronoUnit.MILLIS));
        }
        Duration d = duration.compareTo(Duration.ofHours(1)) < 0
                ? duration.truncatedTo(ChronoUnit.SECONDS)
                : duration.truncatedTo(ChronoUnit.MINUTES);
        return Durations.format(d);
    }
}

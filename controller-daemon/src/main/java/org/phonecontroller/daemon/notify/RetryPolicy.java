package org.phonecontroller.daemon.notify;

import java.time.Duration;

/**
 * How a receiver retries an event whose delivery failed in a way another attempt may cure (a timeout, a refused
 * connection, an HTTP 5xx, an SMTP transient error): up to {@code attempts} attempts, waiting {@code firstBackoff},
 * then twice as long each time up to {@code maxBackoff}. Commands and UDP (syslog, SNMPv2c traps) are sent once.
 *
 * @param queueCapacity events waiting per receiver; beyond that the oldest waiting event is dropped (and counted)
 */
public record RetryPolicy(int attempts, Duration firstBackoff, Duration maxBackoff, int queueCapacity) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(30), 1000);

    public RetryPolicy {
        if (attempts < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("attempts and queueCapacity must be at least 1");
        }
    }

    Duration backoff(int failedAttempts) {
        Duration d = firstBackoff.multipliedBy(1L << Math.min(failedAttempts - 1, 20));
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}

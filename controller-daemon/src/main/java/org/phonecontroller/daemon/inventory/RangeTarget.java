package org.phonecontroller.daemon.inventory;

import java.time.Instant;
import java.util.Objects;

/**
 * A range's desired target as stored.
 *
 * @param range     the range's name
 * @param desired   the PhoneManager its phones should use
 * @param reason    why (e.g. "primary pm-a DOWN", "failback requested")
 * @param planned   true for a planned failover (maintenance of the primary): automatic failback leaves it alone
 * @param changedAt when it was last set
 */
public record RangeTarget(String range, Target desired, String reason, boolean planned, Instant changedAt) {
    public RangeTarget {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(desired, "desired");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(changedAt, "changedAt");
    }
}

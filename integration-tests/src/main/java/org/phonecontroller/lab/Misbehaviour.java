package org.phonecontroller.lab;

import java.time.Duration;
import java.util.Objects;

/**
 * How badly a phone behaves on purpose. {@link #NONE} is a well-behaved phone.
 *
 * @param replyDelay        every reply (SNMP, HTTP, SIP) is sent this much later
 * @param dropFraction      this fraction of requests (0..1) is silently ignored
 * @param malformedFraction this fraction of replies (0..1) is garbled
 * @param wrongCredentials  the phone rejects the configured credentials (as if someone changed its password)
 * @param rebootAfterChange after applying a server change the phone reboots for this long (answers nothing), zero for none
 */
public record Misbehaviour(Duration replyDelay, double dropFraction, double malformedFraction,
                           boolean wrongCredentials, Duration rebootAfterChange) {

    public static final Misbehaviour NONE = new Misbehaviour(Duration.ZERO, 0, 0, false, Duration.ZERO);

    public Misbehaviour {
        Objects.requireNonNull(replyDelay, "replyDelay");
        Objects.requireNonNull(rebootAfterChange, "rebootAfterChange");
        if (replyDelay.isNegative() || rebootAfterChange.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
        if (!(dropFraction >= 0 && dropFraction <= 1) || !(malformedFraction >= 0 && malformedFraction <= 1)) {
            throw new IllegalArgumentException("fractions must be within 0..1");
        }
    }
}

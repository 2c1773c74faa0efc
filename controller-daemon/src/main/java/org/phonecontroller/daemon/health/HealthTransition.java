package org.phonecontroller.daemon.health;

import java.time.Instant;
import java.util.Objects;

/**
 * One move of a PhoneManager's health.
 *
 * @param phoneManager its name
 * @param from         the state it left
 * @param to           the state it entered
 * @param at           when
 * @param reason       what the probe that caused it found, e.g. "TIMEOUT: no answer within 500ms (3 in a row)"
 */
public record HealthTransition(String phoneManager, HealthState from, HealthState to, Instant at, String reason) {
    public HealthTransition {
        Objects.requireNonNull(phoneManager, "phoneManager");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
    }
}

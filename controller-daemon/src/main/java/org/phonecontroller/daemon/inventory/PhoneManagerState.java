package org.phonecontroller.daemon.inventory;

import java.time.Instant;
import java.util.Objects;
import org.phonecontroller.daemon.health.HealthState;

/** A PhoneManager's health as stored: its state and since when. */
public record PhoneManagerState(String name, HealthState health, Instant since) {
    public PhoneManagerState {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(since, "since");
    }
}

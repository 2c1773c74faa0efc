package org.phonecontroller.daemon.health;

import java.time.Instant;

/** What decisions need to know of health: each PhoneManager's state and since when, and isolation. */
public interface HealthView {

    HealthState state(String phoneManager);

    /** When the PhoneManager entered its current state. */
    Instant since(String phoneManager);

    /** True while no witness answers: nothing may fail over. */
    boolean isolated();
}

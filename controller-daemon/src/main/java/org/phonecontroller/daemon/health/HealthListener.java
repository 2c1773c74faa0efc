package org.phonecontroller.daemon.health;

import java.time.Instant;

/** Hears what the {@link HealthMonitor} decides; called on its transitions thread, one call at a time, in order. */
public interface HealthListener {

    /** A PhoneManager's health moved (the event is already written). */
    void onTransition(HealthTransition transition);

    /** The controller became isolated (no witness answers) or reached the network again. */
    void onIsolationChanged(boolean isolated, Instant at);
}

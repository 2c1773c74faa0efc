package org.phonecontroller.daemon.failover;

import java.time.Duration;
import org.phonecontroller.daemon.inventory.Phone;

/**
 * Which phones a reconcile run may work on now. A failback admits a phone once its rescan confirmed it (the same
 * phone, or the one that replaced it, is at its address) and every phone once the rescan ended; any other run
 * admits every phone.
 */
public interface PhoneGate {

    PhoneGate OPEN = new PhoneGate() {
        @Override
        public boolean admits(Phone phone) {
            return true;
        }

        @Override
        public void awaitChange(Duration atMost) {
        }
    };

    boolean admits(Phone phone);

    /** Waits until the gate may admit more phones, or {@code atMost}. */
    void awaitChange(Duration atMost) throws InterruptedException;
}

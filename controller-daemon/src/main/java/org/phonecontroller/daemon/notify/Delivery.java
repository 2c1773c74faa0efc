package org.phonecontroller.daemon.notify;

import java.time.Duration;

/** One transport to one receiver. Called by one thread at a time, one notification at a time. */
interface Delivery extends AutoCloseable {
    /**
     * Delivers one notification within {@code timeout} or fails.
     *
     * @throws DeliveryFailed saying why, and whether another attempt may succeed
     * @throws InterruptedException when the receiver is being stopped
     */
    void send(Notification notification, Duration timeout) throws DeliveryFailed, InterruptedException;

    @Override
    default void close() {
    }
}

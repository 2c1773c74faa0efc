package org.phonecontroller.daemon.notify;

/**
 * One delivery attempt failed. The message names what failed and why, and never a secret.
 */
final class DeliveryFailed extends Exception {
    private final boolean retryable;

    DeliveryFailed(String reason, boolean retryable) {
        super(reason);
        this.retryable = retryable;
    }

    DeliveryFailed(String reason, boolean retryable, Throwable cause) {
        super(reason, cause);
        this.retryable = retryable;
    }

    /** True when trying again may succeed (a timeout, a refused connection, a 5xx answer). */
    boolean retryable() {
        return retryable;
    }
}

package org.phonecontroller.protocols.registrar;

import java.time.Duration;

/**
 * How long a bulk read may take and how large it may be.
 *
 * @param timeout     the whole read, connecting included
 * @param maxBytes    the largest reply accepted (a dump of 10,000 contacts is a few MB)
 * @param maxContacts the most contacts accepted in one dump
 */
public record RegistrarLimits(Duration timeout, int maxBytes, int maxContacts) {
    public static final RegistrarLimits DEFAULTS = new RegistrarLimits(Duration.ofSeconds(2), 32 << 20, 200_000);

    public RegistrarLimits {
        if (timeout.isNegative() || timeout.isZero() || maxBytes < 1 || maxContacts < 1) {
            throw new IllegalArgumentException("registrar limits must be positive");
        }
    }

    public RegistrarLimits withTimeout(Duration t) {
        return new RegistrarLimits(t, maxBytes, maxContacts);
    }
}

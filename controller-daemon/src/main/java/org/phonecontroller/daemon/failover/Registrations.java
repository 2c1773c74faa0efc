package org.phonecontroller.daemon.failover;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the reconciler learns from the PhoneManagers' registrar views: whether a phone is registered at its target.
 * Independent of how a phone was pushed (SNMP, vendor API, provisioning): the same check for every protocol.
 */
public interface Registrations {

    /** No PhoneManager has a view: read-back alone verifies. */
    Registrations NONE = new Registrations() {
        @Override
        public boolean hasView(String phoneManager) {
            return false;
        }

        @Override
        public Registration lookup(String phoneManager, String address) {
            return Registration.UNKNOWN;
        }

        @Override
        public Optional<Instant> knownAt(String phoneManager) {
            return Optional.empty();
        }

        @Override
        public Duration deadline(String phoneManager) {
            return Duration.ZERO;
        }

        @Override
        public Duration patience(String phoneManager) {
            return Duration.ZERO;
        }
    };

    /** What a view says of one phone. */
    enum Registration {
        /** A live contact's address or Received is the phone's IP. */
        REGISTERED,
        /** The view was read and no live contact has the phone's IP. */
        NOT_REGISTERED,
        /** The view could not be read (yet): nothing is known. */
        UNKNOWN
    }

    /** Whether {@code phoneManager} has a registrar view configured. */
    boolean hasView(String phoneManager);

    /** What the latest read of {@code phoneManager}'s view says of the phone at {@code address} (an IP literal). */
    Registration lookup(String phoneManager, String address);

    /** When the view now held was read; empty while it is unknown. */
    Optional<Instant> knownAt(String phoneManager);

    /** How long after its push a phone has to register at {@code phoneManager}. */
    Duration deadline(String phoneManager);

    /**
     * How long past the deadline the reconciler waits for a read of the view that can decide (the view unknown or
     * not read since the deadline); after that the phone stays APPLIED, its registration unknown.
     */
    Duration patience(String phoneManager);
}

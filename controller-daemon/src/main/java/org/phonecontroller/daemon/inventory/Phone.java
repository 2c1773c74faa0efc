package org.phonecontroller.daemon.inventory;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.phonecontroller.protocols.PhoneIdentity;
import org.phonecontroller.protocols.ServerAssignment;

/**
 * A phone of the inventory.
 *
 * @param identity    what discovery learned (address, protocol, vendor, model, firmware, MAC)
 * @param range       the configured range it belongs to
 * @param observed    the servers it was configured with when last read; empty when unknown
 * @param presence    whether the last scans still found it
 * @param missedScans scans in a row that did not find it
 * @param lastSeen    when a scan last found it
 * @param progress    the reconciler's progress on it
 */
public record Phone(PhoneIdentity identity, String range, Optional<ServerAssignment> observed, Presence presence,
                    int missedScans, Instant lastSeen, PushProgress progress) {

    public Phone {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(observed, "observed");
        Objects.requireNonNull(presence, "presence");
        Objects.requireNonNull(lastSeen, "lastSeen");
        Objects.requireNonNull(progress, "progress");
    }

    /** The address as stored and shown: the IP literal. */
    public String address() {
        return identity.address().getHostAddress();
    }
}

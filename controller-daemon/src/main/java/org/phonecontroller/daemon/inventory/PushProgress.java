package org.phonecontroller.daemon.inventory;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.phonecontroller.protocols.ServerAssignment;

/**
 * Where a phone stands on its way to its desired servers.
 *
 * @param desired       the servers it should have; empty when nothing was ever asked of it
 * @param state         the step it reached
 * @param attempts      pushes sent for the current desired servers
 * @param lastError     the reason of the last failure or deferral; empty when none
 * @param deferredSince when it was first found in a call for the current desired servers; null when never
 * @param updatedAt     when this progress was written; null when never
 */
public record PushProgress(Optional<ServerAssignment> desired, PushState state, int attempts, String lastError,
                           Instant deferredSince, Instant updatedAt) {

    public PushProgress {
        Objects.requireNonNull(desired, "desired");
        Objects.requireNonNull(state, "state");
        lastError = Objects.requireNonNullElse(lastError, "");
    }
}

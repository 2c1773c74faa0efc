package org.phonecontroller.protocols;

import java.time.Duration;
import java.util.Objects;

/** The outcome of pushing a {@link ServerAssignment} to a phone. */
public sealed interface PushResult {

    /** The phone took the assignment and reading it back showed exactly the assignment. */
    record Applied(ServerAssignment verified, Duration took) implements PushResult {
        public Applied {
            Objects.requireNonNull(verified, "verified");
            Objects.requireNonNull(took, "took");
        }
    }

    /** Not pushed now; try again later (e.g. the phone is in a call). */
    record Deferred(FailureReason reason, String detail) implements PushResult {
        public Deferred {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** The push failed; {@code detail} says what was attempted and what came back. */
    record Failed(FailureReason reason, String detail) implements PushResult {
        public Failed {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}

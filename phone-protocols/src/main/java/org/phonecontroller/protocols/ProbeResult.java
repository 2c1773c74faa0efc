package org.phonecontroller.protocols;

import java.time.Duration;
import java.util.Objects;

/** What one health probe of a PhoneManager found. */
public sealed interface ProbeResult {

    /** It answered as a healthy server does, after {@code latency}. */
    record Up(Duration latency) implements ProbeResult {
        public Up {
            Objects.requireNonNull(latency, "latency");
        }
    }

    /** It did not: {@code reason} and a human {@code detail} (e.g. "SIP 503 Service Unavailable"). */
    record Down(FailureReason reason, String detail) implements ProbeResult {
        public Down {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}

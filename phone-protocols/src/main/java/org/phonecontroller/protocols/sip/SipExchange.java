package org.phonecontroller.protocols.sip;

import java.time.Duration;
import java.util.Objects;

import org.phonecontroller.protocols.FailureReason;

/** How one request sent by {@link SipUdpClient} ended. */
public sealed interface SipExchange {

    /** A final response matching the request's branch, Call-ID and target arrived after {@code latency}. */
    record Answered(SipResponse response, Duration latency) implements SipExchange {
        public Answered {
            Objects.requireNonNull(response, "response");
            Objects.requireNonNull(latency, "latency");
        }
    }

    /** No final response: {@link FailureReason#TIMEOUT}, or the request could not be sent. */
    record NoAnswer(FailureReason reason, String detail) implements SipExchange {
        public NoAnswer {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}

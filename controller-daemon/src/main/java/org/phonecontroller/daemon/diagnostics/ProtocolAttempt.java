package org.phonecontroller.daemon.diagnostics;

import java.util.Objects;
import org.phonecontroller.daemon.discovery.AnswerKind;

/**
 * What one protocol said about an address.
 *
 * @param protocol the protocol's name, e.g. {@code snmp:cisco-sip-ua}
 * @param outcome  what happened
 * @param reason   for FAILED a {@link org.phonecontroller.protocols.FailureReason} name (or {@code ERROR}); else null
 * @param detail   why, in words (null when identified)
 */
public record ProtocolAttempt(String protocol, Outcome outcome, String reason, String detail) {

    /** The outcome of asking one address with one protocol. */
    public enum Outcome {
        /** The protocol recognised a phone. */
        IDENTIFIED,
        /** Something may answer, but not as a phone of this protocol. */
        NOT_IDENTIFIED,
        /** The request failed: timeout, refused, wrong credentials, garbage... */
        FAILED,
        /** Not tried: no credentials of the needed kind, or the protocol cannot identify phones. */
        SKIPPED
    }

    public ProtocolAttempt {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** A failure that means "something answered and said no" (credentials, an error), not silence. */
    public boolean answeredButRefused() {
        return outcome == Outcome.FAILED && reason != null && AnswerKind.ofReason(reason) == AnswerKind.REFUSED;
    }
}

package org.phonecontroller.daemon.discovery;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.phonecontroller.protocols.PhoneProtocolException;

/**
 * The one classifier of what an address said, used by the daemon's scans and by {@code phonectl discover}.
 * Silence, a closed port and an unreachable host are all "nobody there"; an answer that says no (credentials, an
 * error status, a read-only object) is REFUSED; an answer no protocol recognises (garbage, another device) is
 * NOT_A_PHONE.
 */
public enum AnswerKind {
    /** Nothing answered (or only a reset / unreachable): no phone there for this protocol. */
    SILENT,
    /** Something answered and said no: wrong credentials, an error status. Worth a warning. */
    REFUSED,
    /** Something answered, but not as a phone of any configured protocol. */
    NOT_A_PHONE,
    /** A phone, identified. */
    PHONE;

    /** What a failed identification means. */
    public static AnswerKind ofFailure(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof TimeoutException) {
            return SILENT;
        }
        if (cause instanceof PhoneProtocolException p) {
            return ofReason(p.reason().name());
        }
        return NOT_A_PHONE; // a bug or a reply no decoder understood: it answered, but nothing we can use
    }

    /** What a {@link org.phonecontroller.protocols.FailureReason} name (or {@code TIMEOUT}, {@code ERROR}) means. */
    public static AnswerKind ofReason(String reason) {
        return switch (reason) {
            case "TIMEOUT", "UNREACHABLE", "REFUSED" -> SILENT;
            case "MALFORMED_REPLY", "UNSUPPORTED", "ERROR" -> NOT_A_PHONE;
            default -> REFUSED;
        };
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}

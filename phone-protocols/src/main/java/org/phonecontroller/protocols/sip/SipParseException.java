package org.phonecontroller.protocols.sip;

import java.util.Objects;

/** Bytes that are not a SIP message this codec accepts; {@link #reason()} says why, the message says where. */
public final class SipParseException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why parsing failed. */
    public enum Reason {
        /** Nothing but white space (e.g. a CRLF keep-alive). */
        EMPTY,
        /** The first line is neither a request line nor a status line. */
        BAD_START_LINE,
        /** A SIP version other than SIP/2.0 (a server answers 505). */
        UNSUPPORTED_VERSION,
        /** A header line without a valid name or colon, or a continuation line without a header. */
        BAD_HEADER,
        /** A control character (NUL, ...) in the start line or headers. */
        BAD_CHARACTER,
        /** Content-Length is not a number or appears twice with different values. */
        BAD_CONTENT_LENGTH,
        /** The message ends before the empty line after the headers, or before Content-Length body bytes. */
        TRUNCATED,
        /** Headers or body exceed the configured {@link SipLimits}. */
        TOO_LARGE
    }

    private final Reason reason;

    public SipParseException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}

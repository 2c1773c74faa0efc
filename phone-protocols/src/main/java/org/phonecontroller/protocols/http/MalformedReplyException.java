package org.phonecontroller.protocols.http;

/** A phone's reply that does not have the documented shape; the adapters turn it into MALFORMED_REPLY. */
class MalformedReplyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    MalformedReplyException(String message) {
        super(message);
    }

    MalformedReplyException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A well-formed reply that reports an error (the adapters turn it into ERROR_REPLY). */
    static final class ErrorStatus extends MalformedReplyException {
        private static final long serialVersionUID = 1L;

        ErrorStatus(String message) {
            super(message);
        }
    }

    /** The start of a body for messages, without control characters. */
    static String excerpt(String body) {
        String s = body == null ? "" : body.replaceAll("\\p{Cntrl}", " ").strip();
        return s.length() <= 80 ? "'" + s + "'" : "'" + s.substring(0, 77) + "...'";
    }
}

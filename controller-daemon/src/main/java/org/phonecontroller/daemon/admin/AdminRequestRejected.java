package org.phonecontroller.daemon.admin;

import java.util.Objects;

/**
 * The daemon refuses a request: it says what happened ({@link #getMessage()}) and what to do ({@link #advice()}).
 * The admin server answers with the HTTP status of the {@link Reason} and both texts as JSON.
 */
public final class AdminRequestRejected extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a request is refused; each maps to one HTTP status. */
    public enum Reason {
        /** The request itself is wrong (a missing or contradictory parameter): HTTP 400. */
        BAD_REQUEST(400),
        /** It names something the daemon does not know (a range, a job): HTTP 404. */
        NOT_FOUND(404),
        /** It cannot be done in the current state (e.g. the fallback is down): HTTP 409. */
        CONFLICT(409);

        private final int httpStatus;

        Reason(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Reason reason;
    private final String advice;

    public AdminRequestRejected(Reason reason, String message, String advice) {
        super(Objects.requireNonNull(message, "message"));
        this.reason = Objects.requireNonNull(reason, "reason");
        this.advice = advice == null ? "" : advice;
    }

    public Reason reason() {
        return reason;
    }

    /** What the admin can do about it; may be empty. */
    public String advice() {
        return advice;
    }
}

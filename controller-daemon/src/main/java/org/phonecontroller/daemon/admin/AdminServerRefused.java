package org.phonecontroller.daemon.admin;

/** The admin server will not start as configured; the message says why and what to change. */
public final class AdminServerRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AdminServerRefused(String message, Throwable cause) {
        super(message, cause);
    }

    public AdminServerRefused(String message) {
        super(message);
    }
}

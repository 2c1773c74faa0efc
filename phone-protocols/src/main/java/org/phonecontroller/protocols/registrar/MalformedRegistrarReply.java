package org.phonecontroller.protocols.registrar;

/** A registrar's reply does not have the documented shape; the only exception the parsers throw. */
final class MalformedRegistrarReply extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedRegistrarReply(String message) {
        super(message, null, false, false);
    }
}

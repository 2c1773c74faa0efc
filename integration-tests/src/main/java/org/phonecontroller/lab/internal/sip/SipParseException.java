package org.phonecontroller.lab.internal.sip;

/** A byte sequence that is not a SIP message the lab can use. */
public final class SipParseException extends Exception {
    public SipParseException(String message) {
        super(message);
    }
}

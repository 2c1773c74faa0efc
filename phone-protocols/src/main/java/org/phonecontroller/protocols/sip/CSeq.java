package org.phonecontroller.protocols.sip;

import java.util.Objects;

/** A CSeq header value: sequence number and method, e.g. {@code 1 OPTIONS}. */
public record CSeq(long number, String method) {

    public CSeq {
        Objects.requireNonNull(method, "method");
        if (number < 0 || number > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("CSeq number " + number + " is outside 0..2^32-1");
        }
        if (!HeaderNames.isToken(method)) {
            throw new IllegalArgumentException("CSeq method '" + method + "' is not a token");
        }
    }

    /** Parses {@code "1 OPTIONS"}; empty-handed callers get an {@link IllegalArgumentException} quoting the text. */
    public static CSeq parse(String text) {
        String[] parts = text.strip().split("[ \\t]+");
        if (parts.length != 2) {
            throw new IllegalArgumentException("CSeq '" + text + "' is not 'NUMBER METHOD'");
        }
        try {
            return new CSeq(Long.parseLong(parts[0]), parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("CSeq '" + text + "' has no valid number", e);
        }
    }

    @Override
    public String toString() {
        return number + " " + method;
    }
}

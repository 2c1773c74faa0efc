package org.phonecontroller.protocols.sip;

import java.util.Objects;

/**
 * One header field line as parsed (after unfolding): the name in its canonical long form ({@code Call-ID}, not
 * {@code i} or {@code call-id}) for headers this codec knows, as received otherwise; the value trimmed.
 */
public record SipHeader(String name, String value) {

    public SipHeader {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (!HeaderNames.isToken(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a SIP header name");
        }
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("header " + name + " value contains a line break");
        }
        name = HeaderNames.canonical(name);
        value = value.strip();
    }

    /** Whether this header has the given name (any case, compact or long form). */
    public boolean is(String otherName) {
        return name.equalsIgnoreCase(HeaderNames.canonical(otherName));
    }

    @Override
    public String toString() {
        return name + ": " + value;
    }
}

package org.phonecontroller.protocols.sip;

import java.util.Arrays;
import java.util.Objects;

/**
 * A SIP response.
 *
 * @param statusCode   100..699
 * @param reasonPhrase e.g. {@code OK}; may be empty
 * @param headers      the header fields in order
 * @param body         the body bytes (copied)
 */
public record SipResponse(int statusCode, String reasonPhrase, SipHeaders headers, byte[] body)
        implements SipMessage {

    public SipResponse {
        Objects.requireNonNull(reasonPhrase, "reasonPhrase");
        Objects.requireNonNull(headers, "headers");
        if (statusCode < 100 || statusCode > 699) {
            throw new IllegalArgumentException("status code " + statusCode + " is outside 100..699");
        }
        if (reasonPhrase.indexOf('\r') >= 0 || reasonPhrase.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("reason phrase contains a line break");
        }
        body = body == null ? new byte[0] : body.clone();
    }

    public SipResponse(int statusCode, String reasonPhrase, SipHeaders headers) {
        this(statusCode, reasonPhrase, headers, new byte[0]);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public String startLine() {
        return SIP_VERSION + " " + statusCode + " " + reasonPhrase;
    }

    public boolean isProvisional() {
        return statusCode < 200;
    }

    public boolean isSuccess() {
        return statusCode >= 200 && statusCode < 300;
    }

    /** {@code "503 Service Unavailable"}, for messages. */
    public String status() {
        return statusCode + (reasonPhrase.isEmpty() ? "" : " " + reasonPhrase);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SipResponse r && statusCode == r.statusCode && reasonPhrase.equals(r.reasonPhrase)
                && headers.equals(r.headers) && Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(statusCode, reasonPhrase, headers, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return startLine() + " " + headers.fields() + (body.length > 0 ? " +" + body.length + " body bytes" : "");
    }
}

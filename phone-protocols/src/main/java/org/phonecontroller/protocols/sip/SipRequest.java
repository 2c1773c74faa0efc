package org.phonecontroller.protocols.sip;

import java.util.Arrays;
import java.util.Objects;

/**
 * A SIP request.
 *
 * @param method     e.g. {@code OPTIONS} (case-sensitive, RFC 3261 7.1)
 * @param requestUri e.g. {@code sip:127.0.0.1:5060}
 * @param headers    the header fields in order
 * @param body       the body bytes (copied)
 */
public record SipRequest(String method, String requestUri, SipHeaders headers, byte[] body) implements SipMessage {

    public SipRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(requestUri, "requestUri");
        Objects.requireNonNull(headers, "headers");
        if (!HeaderNames.isToken(method)) {
            throw new IllegalArgumentException("method '" + method + "' is not a token");
        }
        if (requestUri.isEmpty() || requestUri.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new IllegalArgumentException("request URI '" + requestUri + "' is empty or contains white space");
        }
        body = body == null ? new byte[0] : body.clone();
    }

    public SipRequest(String method, String requestUri, SipHeaders headers) {
        this(method, requestUri, headers, new byte[0]);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public String startLine() {
        return method + " " + requestUri + " " + SIP_VERSION;
    }

    public SipRequest withHeaders(SipHeaders newHeaders) {
        return new SipRequest(method, requestUri, newHeaders, body);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SipRequest r && method.equals(r.method) && requestUri.equals(r.requestUri)
                && headers.equals(r.headers) && Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, requestUri, headers, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return startLine() + " " + headers.fields() + (body.length > 0 ? " +" + body.length + " body bytes" : "");
    }
}

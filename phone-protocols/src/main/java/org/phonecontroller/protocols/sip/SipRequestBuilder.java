package org.phonecontroller.protocols.sip;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.phonecontroller.protocols.Transport;

/**
 * Builds a request header by header, in the order RFC 3261 examples use. {@link SipRequests} uses it for the
 * requests the controller sends; the phone lab uses it for its own.
 */
public final class SipRequestBuilder {

    private final String method;
    private final String requestUri;
    private SipHeaders headers = SipHeaders.empty();
    private byte[] body = new byte[0];

    private SipRequestBuilder(String method, String requestUri) {
        this.method = Objects.requireNonNull(method, "method");
        this.requestUri = Objects.requireNonNull(requestUri, "requestUri");
    }

    public static SipRequestBuilder request(String method, String requestUri) {
        return new SipRequestBuilder(method, requestUri);
    }

    /** {@code Via: SIP/2.0/UDP host:port;branch=...;rport}. */
    public SipRequestBuilder via(Transport transport, String host, int port, String branch) {
        if (!branch.startsWith(SipMessage.BRANCH_COOKIE)) {
            throw new IllegalArgumentException("branch '" + branch + "' lacks the " + SipMessage.BRANCH_COOKIE
                    + " cookie");
        }
        return header("Via", "SIP/2.0/" + transport.name() + " " + hostPort(host, port) + ";branch=" + branch
                + ";rport");
    }

    public SipRequestBuilder maxForwards(int hops) {
        return header("Max-Forwards", Integer.toString(hops));
    }

    /** {@code From: <uri>;tag=tag}. */
    public SipRequestBuilder from(String uri, String tag) {
        return header("From", "<" + uri + ">;tag=" + tag);
    }

    /** {@code To: <uri>} (no tag: outside a dialog). */
    public SipRequestBuilder to(String uri) {
        return header("To", "<" + uri + ">");
    }

    public SipRequestBuilder callId(String callId) {
        return header("Call-ID", callId);
    }

    public SipRequestBuilder cseq(long number) {
        return header("CSeq", new CSeq(number, method).toString());
    }

    public SipRequestBuilder contact(String uri) {
        return header("Contact", "<" + uri + ">");
    }

    public SipRequestBuilder header(String name, String value) {
        headers = headers.with(name, value);
        return this;
    }

    /** A body and its Content-Type. */
    public SipRequestBuilder body(String contentType, byte[] bytes) {
        header("Content-Type", contentType);
        body = bytes.clone();
        return this;
    }

    public SipRequestBuilder body(String contentType, String text) {
        return body(contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The request, with {@code Content-Length}. */
    public SipRequest build() {
        return new SipRequest(method, requestUri, headers.replacing("Content-Length", Integer.toString(body.length)),
                body);
    }

    /** {@code host:port}, IPv6 literals in brackets. */
    public static String hostPort(String host, int port) {
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }
}

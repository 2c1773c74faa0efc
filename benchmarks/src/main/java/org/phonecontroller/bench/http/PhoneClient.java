package org.phonecontroller.bench.http;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The requests of one phone in a failover, for comparing HTTP clients: two requests to a phone on a new connection,
 * so the first is Digest-challenged (401, then again with credentials) and the second answers the challenge just
 * learned. Requests and bodies are PolycomRestProtocol's.
 */
public interface PhoneClient extends AutoCloseable {

    String CALL_STATUS = "/api/v1/webCallControl/callStatus";
    String CONFIG_SET = "/api/v1/mgmt/config/set";
    String CONFIG_GET = "/api/v1/mgmt/config/get";
    /** What PolycomRestProtocol sends to move line 1 to two servers. */
    String SET_BODY = "{\"data\":{\"reg.1.server.1.address\":\"127.0.1.10\",\"reg.1.server.1.port\":\"5070\","
            + "\"reg.1.server.2.address\":\"127.0.0.10\",\"reg.1.server.2.port\":\"5060\"}}";
    /** What PolycomRestProtocol sends to read the servers back. */
    String GET_BODY = "{\"data\":[\"reg.1.server.1.address\",\"reg.1.server.1.port\",\"reg.1.server.2.address\","
            + "\"reg.1.server.2.port\"]}";

    /** One request of a pattern; {@code body} null for a GET. The reply must be 200 and contain {@code expect}. */
    record Step(String method, String path, String body, String expect) {
    }

    /** The two-request patterns of a Polycom push. */
    enum Pattern {
        /** {@code GET callStatus} then {@code POST config/set}: a push with BusyPolicy.DEFER, first half. */
        GET_THEN_POST(new Step("GET", CALL_STATUS, null, "\"Status\""), new Step("POST", CONFIG_SET, SET_BODY, "2000")),
        /** {@code POST config/set} then {@code POST config/get}: a push with BusyPolicy.FORCE (write, read back). */
        POST_THEN_POST(new Step("POST", CONFIG_SET, SET_BODY, "2000"),
                new Step("POST", CONFIG_GET, GET_BODY, "127.0.1.10"));

        final List<Step> steps;

        Pattern(Step first, Step second) {
            this.steps = List.of(first, second);
        }
    }

    /** Completes when both requests were answered 200 with the expected body; fails otherwise. */
    CompletableFuture<Void> exchange(InetSocketAddress phone, Pattern pattern);

    @Override
    void close();

    /** The check both clients apply to a reply. */
    static void expect(String what, Step step, int status, String body) {
        if (status != 200 || body == null || !body.contains(step.expect())) {
            throw new IllegalStateException(what + " " + step.method() + " " + step.path() + ": HTTP " + status + " "
                    + body);
        }
    }
}

package org.phonecontroller.protocols.sip;

import java.util.Optional;
import org.phonecontroller.protocols.http.DigestResponder;
import org.phonecontroller.protocols.http.HttpCredentials;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.phonecontroller.protocols.FailureReason;
import org.phonecontroller.protocols.ServerAddress;

/**
 * Asks a phone to re-fetch its provisioning files with {@code NOTIFY} and {@code Event: check-sync;reboot=false}
 * (Yealink, Polycom, Snom, Grandstream and others honour it). 200 or 202 means accepted.
 */
public final class SipNotifier {

    /** What the phone said. */
    public sealed interface Result {
        /** The phone accepted the NOTIFY with {@code statusCode} (200 or 202). */
        record Accepted(int statusCode, Duration latency) implements Result {
        }

        /** It did not: another status ({@link FailureReason#ERROR_REPLY}, 401/403 as AUTH_FAILED) or silence. */
        record Failed(FailureReason reason, String detail) implements Result {
            public Failed {
                Objects.requireNonNull(reason, "reason");
                Objects.requireNonNull(detail, "detail");
            }
        }
    }

    private final SipUdpClient client;
    private final Duration timeout;

    public SipNotifier(SipUdpClient client, Duration timeout) {
        this.client = Objects.requireNonNull(client, "client");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** NOTIFY check-sync to the phone's SIP address; {@code reboot} asks it to restart as well. */
    public CompletableFuture<Result> checkSync(ServerAddress phone, boolean reboot) {
        return notify(phone, "check-sync;reboot=" + reboot, Optional.empty());
    }

    /**
     * NOTIFY with {@code Event: event} (e.g. {@code resync}); when the phone challenges (401/407) and
     * {@code credentials} are given, once more with a Digest answer. The password never appears in a result.
     */
    public CompletableFuture<Result> notify(ServerAddress phone, String event, Optional<HttpCredentials> credentials) {
        String callId = client.requests().ids().callId();
        SipRequest first = client.requests().notify(phone, event, callId, 1);
        var target = new InetSocketAddress(phone.host(), phone.port());
        return client.send(first, target, timeout).thenCompose(exchange -> {
            if (credentials.isPresent() && exchange instanceof SipExchange.Answered a
                    && (a.response().statusCode() == 401 || a.response().statusCode() == 407)) {
                boolean proxy = a.response().statusCode() == 407;
                Optional<String> authorization = a.response().headers()
                        .first(proxy ? "Proxy-Authenticate" : "WWW-Authenticate")
                        .flatMap(challenge -> DigestResponder.authorization(challenge, credentials.get(), "NOTIFY",
                                first.requestUri(), client.requests().ids().branch()));
                if (authorization.isPresent()) {
                    SipRequest second = client.requests().notify(phone, event, callId, 2);
                    second = second.withHeaders(second.headers().with(proxy ? "Proxy-Authorization"
                            : "Authorization", authorization.get()));
                    return client.send(second, target, timeout).thenApply(e -> result(phone, event, e));
                }
            }
            return CompletableFuture.completedFuture(result(phone, event, exchange));
        });
    }

    private static Result result(ServerAddress phone, String event, SipExchange exchange) {
        return switch (exchange) {
            case SipExchange.Answered a when a.response().statusCode() == 200 || a.response().statusCode() == 202 ->
                    new Result.Accepted(a.response().statusCode(), a.latency());
            case SipExchange.Answered a -> new Result.Failed(
                    a.response().statusCode() == 401 || a.response().statusCode() == 403
                            || a.response().statusCode() == 407 ? FailureReason.AUTH_FAILED
                            : FailureReason.ERROR_REPLY,
                    "NOTIFY " + event + " to " + phone + ": SIP " + a.response().status());
            case SipExchange.NoAnswer n -> new Result.Failed(n.reason(), "NOTIFY " + event + " to " + phone + ": "
                    + n.detail());
        };
    }
}

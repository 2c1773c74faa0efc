package org.phonecontroller.protocols.sip;

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
        SipRequest notify = client.requests().notifyCheckSync(phone, reboot);
        var target = new InetSocketAddress(phone.host(), phone.port());
        return client.send(notify, target, timeout).thenApply(exchange -> switch (exchange) {
            case SipExchange.Answered a when a.response().statusCode() == 200 || a.response().statusCode() == 202 ->
                    new Result.Accepted(a.response().statusCode(), a.latency());
            case SipExchange.Answered a -> new Result.Failed(
                    a.response().statusCode() == 401 || a.response().statusCode() == 403
                            || a.response().statusCode() == 407 ? FailureReason.AUTH_FAILED
                            : FailureReason.ERROR_REPLY,
                    "NOTIFY check-sync to " + phone + ": SIP " + a.response().status());
            case SipExchange.NoAnswer n -> new Result.Failed(n.reason(), "NOTIFY check-sync to " + phone + ": "
                    + n.detail());
        });
    }
}

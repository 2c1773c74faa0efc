package org.phonecontroller.protocols.http;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.phonecontroller.protocols.BusyPolicy;
import org.phonecontroller.protocols.CallState;
import org.phonecontroller.protocols.FailureReason;
import org.phonecontroller.protocols.PhoneIdentity;
import org.phonecontroller.protocols.PhoneProtocol;
import org.phonecontroller.protocols.PhoneProtocolException;
import org.phonecontroller.protocols.PushResult;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.ServerAssignment;

/**
 * What the vendor HTTP adapters share: the push flow (call state for {@link BusyPolicy#DEFER}, write, read back,
 * compare), how HTTP statuses and garbage become typed failures, and identify's "nothing there is empty" rule.
 */
abstract class VendorHttpProtocol implements PhoneProtocol {

    final HttpTransport transport;
    final HttpCredentials credentials;
    final int port;
    final InstantSource clock;

    VendorHttpProtocol(HttpTransport transport, HttpCredentials credentials, int port, InstantSource clock) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("HTTP port " + port + " is outside 1..65535");
        }
        this.port = port;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** How many server slots the phone has; servers past them are not pushed. */
    abstract int slots();

    /** Writes the servers (at most {@link #slots()}); completes normally when the phone accepted them. */
    abstract CompletableFuture<Void> write(PhoneIdentity phone, List<ServerAddress> servers);

    @Override
    public CompletableFuture<PushResult> assign(PhoneIdentity phone, ServerAssignment assignment) {
        return assign(phone, assignment, BusyPolicy.DEFER);
    }

    @Override
    public CompletableFuture<PushResult> assign(PhoneIdentity phone, ServerAssignment assignment,
                                                BusyPolicy busyPolicy) {
        Instant start = clock.instant();
        List<ServerAddress> pushed = assignment.servers().subList(0, Math.min(slots(), assignment.servers().size()));
        CompletableFuture<CallState> state = busyPolicy == BusyPolicy.DEFER ? callState(phone)
                : CompletableFuture.completedFuture(CallState.UNKNOWN);
        return state.thenCompose(s -> {
            if (s == CallState.BUSY) {
                return CompletableFuture.completedFuture((PushResult) new PushResult.Deferred(FailureReason.BUSY,
                        "phone " + phone.address().getHostAddress() + " is in a call; not reprogrammed"));
            }
            return write(phone, pushed).thenCompose(done -> readAssignment(phone)).thenApply(read -> {
                List<ServerAddress> got = read.servers().subList(0, Math.min(pushed.size(), read.servers().size()));
                if (!got.equals(pushed)) {
                    return new PushResult.Failed(FailureReason.VERIFY_MISMATCH, "phone "
                            + phone.address().getHostAddress() + " accepted " + pushed + " but reads back "
                            + read.servers());
                }
                return (PushResult) new PushResult.Applied(new ServerAssignment(got),
                        Duration.between(start, clock.instant()));
            });
        }).exceptionally(e -> {
            PhoneProtocolException p = unwrap(e);
            return p.reason() == FailureReason.BUSY ? new PushResult.Deferred(FailureReason.BUSY, p.getMessage())
                    : new PushResult.Failed(p.reason(), p.getMessage());
        });
    }

    /** identify's rule: nothing there (timeout, refused, unreachable, not this API) is empty; refusal is an error. */
    static CompletableFuture<Optional<PhoneIdentity>> nothingThereIsEmpty(
            CompletableFuture<Optional<PhoneIdentity>> attempt) {
        return attempt.exceptionallyCompose(e -> {
            PhoneProtocolException p = unwrap(e);
            return switch (p.reason()) {
                case TIMEOUT, REFUSED, UNREACHABLE, MALFORMED_REPLY -> CompletableFuture.completedFuture(
                        Optional.empty());
                default -> CompletableFuture.failedFuture(p);
            };
        });
    }

    /** Sends to the phone at {@code address} (this adapter's port), with Basic/Digest credentials. */
    CompletableFuture<PhoneReply> send(InetAddress address, PhoneRequest request, String what) {
        return transport.send(address, port, request, Optional.of(credentials), what);
    }

    /** Sends with Basic/Digest credentials and checks the status: 401/403 AUTH_FAILED, other non-2xx ERROR_REPLY. */
    CompletableFuture<String> call(InetAddress address, PhoneRequest request, String what) {
        return send(address, request, what).thenApply(response -> body(response, what));
    }

    static String body(PhoneReply response, String what) {
        int status = response.status();
        if (status == 401 || status == 403) {
            throw new CompletionException(new PhoneProtocolException(FailureReason.AUTH_FAILED,
                    what + ": the phone refused our credentials (HTTP " + status + ")"));
        }
        if (status == 503 && refusedAsBusy(response.body())) {
            throw new CompletionException(new PhoneProtocolException(FailureReason.BUSY,
                    what + ": the phone is in a call and refused the change (HTTP 503)"));
        }
        if (status < 200 || status > 299) {
            throw new CompletionException(new PhoneProtocolException(FailureReason.ERROR_REPLY,
                    what + ": HTTP " + status));
        }
        return response.body();
    }

    /** Poly answers Status 4001 "device busy"; Snom and Grandstream say "busy" in the body. */
    private static boolean refusedAsBusy(String body) {
        String b = body == null ? "" : body.toLowerCase(java.util.Locale.ROOT);
        return b.contains("busy") || b.contains("\"4001\"");
    }

    /** Runs a reply parser; garbage becomes MALFORMED_REPLY naming what was attempted. */
    static <T> T parsed(String what, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (MalformedReplyException.ErrorStatus e) {
            throw new CompletionException(new PhoneProtocolException(FailureReason.ERROR_REPLY,
                    what + ": " + e.getMessage(), e));
        } catch (MalformedReplyException | IllegalArgumentException e) {
            throw new CompletionException(new PhoneProtocolException(FailureReason.MALFORMED_REPLY,
                    what + ": " + e.getMessage(), e));
        }
    }

    static PhoneProtocolException unwrap(Throwable e) {
        return HttpTransport.failure(e, "HTTP");
    }

    /** {@code 00:04:f2:aa:bb:cc} from any MAC spelling; empty when it is not 12 hex digits. */
    static String mac(String text) {
        String hex = text == null ? "" : text.replaceAll("[^0-9A-Fa-f]", "").toLowerCase(java.util.Locale.ROOT);
        if (hex.length() != 12) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 12; i += 2) {
            b.append(i == 0 ? "" : ":").append(hex, i, i + 2);
        }
        return b.toString();
    }

    String phoneText(InetAddress address) {
        return name() + " " + address.getHostAddress();
    }

    @Override
    public String toString() {
        return name() + " (" + transport + ", " + credentials + ")";
    }
}

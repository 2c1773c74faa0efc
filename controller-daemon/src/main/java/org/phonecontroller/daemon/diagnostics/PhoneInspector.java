package org.phonecontroller.daemon.diagnostics;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.phonecontroller.protocols.PhoneIdentity;
import org.phonecontroller.protocols.PhoneProtocol;
import org.phonecontroller.protocols.PhoneProtocolException;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.ServerAssignment;

/**
 * Asks one address with a list of protocols, in order, until one identifies a phone; then reads the servers the
 * phone is configured with and, when asked to, its call state. Every protocol's failure is kept with its reason.
 * Each call is bounded by {@code callTimeout} on top of the protocol's own timeout and retries.
 */
public final class PhoneInspector {

    private final Duration callTimeout;

    public PhoneInspector(Duration callTimeout) {
        this.callTimeout = callTimeout;
    }

    /** A call timeout that lets a protocol use its timeout and retries, plus slack. */
    public static PhoneInspector forProtocols(DiagnosticProtocols protocols) {
        return new PhoneInspector(protocols.timeout().multipliedBy(protocols.retries() + 1L)
                .plus(Duration.ofSeconds(2)));
    }

    /** Asks {@code address}; the future never fails (failures are in the report). */
    public CompletableFuture<PhoneReport> inspect(InetAddress address, List<DiagnosticProtocols.Entry> protocols,
                                                  boolean withCallState) {
        return tryFrom(address, protocols, 0, new ArrayList<>(), withCallState);
    }

    private CompletableFuture<PhoneReport> tryFrom(InetAddress address, List<DiagnosticProtocols.Entry> protocols,
                                                   int index, List<ProtocolAttempt> attempts,
                                                   boolean withCallState) {
        if (index == protocols.size()) {
            return CompletableFuture.completedFuture(new PhoneReport(address.getHostAddress(), attempts, null, null,
                    null, null, null));
        }
        DiagnosticProtocols.Entry entry = protocols.get(index);
        if (entry instanceof DiagnosticProtocols.Unavailable unavailable) {
            attempts.add(new ProtocolAttempt(unavailable.name(), ProtocolAttempt.Outcome.SKIPPED, null,
                    unavailable.why()));
            return tryFrom(address, protocols, index + 1, attempts, withCallState);
        }
        PhoneProtocol protocol = ((DiagnosticProtocols.Ready) entry).protocol();
        return bounded(protocol.identify(address)).handle((identity, failure) -> {
            if (failure != null) {
                attempts.add(failed(entry.name(), failure));
            } else if (identity.isEmpty()) {
                attempts.add(new ProtocolAttempt(entry.name(), ProtocolAttempt.Outcome.NOT_IDENTIFIED, null,
                        "no phone of this kind answered"));
            } else {
                attempts.add(new ProtocolAttempt(entry.name(), ProtocolAttempt.Outcome.IDENTIFIED, null, null));
                return details(address, protocol, identity.get(), attempts, withCallState);
            }
            return tryFrom(address, protocols, index + 1, attempts, withCallState);
        }).thenCompose(next -> next);
    }

    private CompletableFuture<PhoneReport> details(InetAddress address, PhoneProtocol protocol, PhoneIdentity phone,
                                                   List<ProtocolAttempt> attempts, boolean withCallState) {
        var identity = new PhoneReport.Identity(phone.protocol(), phone.vendor(), phone.model(), phone.firmware(),
                phone.mac());
        return bounded(protocol.readAssignment(phone)).handle((servers, failure) -> Optional.ofNullable(servers)
                        .map(s -> new Read<>(s, null)).orElseGet(() -> new Read<>(null, describe(failure))))
                .thenCompose(servers -> {
                    if (!withCallState) {
                        return CompletableFuture.completedFuture(report(address, attempts, identity, servers,
                                null, null));
                    }
                    return bounded(protocol.callState(phone)).handle((state, failure) -> report(address, attempts,
                            identity, servers, state == null ? null : state.name(),
                            failure == null ? null : describe(failure)));
                });
    }

    private record Read<T>(T value, String error) {
    }

    private static PhoneReport report(InetAddress address, List<ProtocolAttempt> attempts,
                                      PhoneReport.Identity identity, Read<ServerAssignment> servers,
                                      String callState, String callStateError) {
        List<String> list = servers.value() == null ? null
                : servers.value().servers().stream().map(ServerAddress::toString).toList();
        return new PhoneReport(address.getHostAddress(), attempts, identity, list, servers.error(), callState,
                callStateError);
    }

    private <T> CompletableFuture<T> bounded(CompletableFuture<T> call) {
        return call.orTimeout(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private ProtocolAttempt failed(String protocol, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof PhoneProtocolException p) {
            return new ProtocolAttempt(protocol, ProtocolAttempt.Outcome.FAILED, p.reason().name(), p.getMessage());
        }
        if (cause instanceof TimeoutException) {
            return new ProtocolAttempt(protocol, ProtocolAttempt.Outcome.FAILED, "TIMEOUT",
                    "no answer within " + callTimeout.toMillis() + " ms");
        }
        return new ProtocolAttempt(protocol, ProtocolAttempt.Outcome.FAILED, "ERROR", cause.toString());
    }

    /** {@code REASON: message} for a failed read. */
    private String describe(Throwable failure) {
        ProtocolAttempt attempt = failed("", failure);
        return attempt.reason() + ": " + attempt.detail();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}

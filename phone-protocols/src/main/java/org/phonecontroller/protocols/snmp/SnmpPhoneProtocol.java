package org.phonecontroller.protocols.snmp;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
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
import org.snmp4j.PDU;
import org.snmp4j.Target;
import org.snmp4j.smi.UdpAddress;

/**
 * Talks to phones over SNMP through one {@link SnmpProfile}: {@code snmp:<profile>} in configuration.
 *
 * <ul>
 *   <li>{@code identify}: one GET (one GETBULK for a table profile) of sysDescr, sysObjectID and the profile's server
 *       objects; the phone is claimed when the profile's match rules hold and its server objects exist.</li>
 *   <li>{@code assign}: for {@link BusyPolicy#DEFER} (the default) a GET of the call-state object first; then one SET
 *       of the server objects (and the profile's apply object), then a GET that must read back what was set.
 *       Only as many servers as the profile has slots are pushed; the rest of the assignment is dropped.</li>
 * </ul>
 */
public final class SnmpPhoneProtocol implements PhoneProtocol {

    /** The standard SNMP port. */
    public static final int DEFAULT_PORT = 161;

    private final SnmpSession session;
    private final SnmpProfile profile;
    private final SnmpCredentials credentials;
    private final Duration timeout;
    private final int retries;
    private final int port;
    private final InstantSource clock;
    private final SnmpRequests requests;

    /**
     * @param session     the shared session
     * @param profile     the profile that names the objects
     * @param credentials v2c community or v3 user
     * @param timeout     per request attempt
     * @param retries     resends after a timeout
     * @param port        the phones' SNMP port (161)
     * @param clock       measures how long a push took
     * @throws IllegalArgumentException when an SNMPv3 user of this name is already in use with other keys
     */
    public SnmpPhoneProtocol(SnmpSession session, SnmpProfile profile, SnmpCredentials credentials, Duration timeout,
                             int retries, int port, InstantSource clock) {
        this.session = Objects.requireNonNull(session, "session");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be 0 or more");
        }
        this.retries = retries;
        this.port = port;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.requests = new SnmpRequests(profile, credentials);
        session.register(credentials); // a conflicting SNMPv3 user fails here, at configuration time
    }

    public SnmpProfile profile() {
        return profile;
    }

    @Override
    public String name() {
        return "snmp:" + profile.name();
    }

    @Override
    public CompletableFuture<Optional<PhoneIdentity>> identify(InetAddress address) {
        return send(address, requests.identify(), "identify")
                .thenApply(response -> requests.identity(address, name(), response))
                .exceptionallyCompose(e -> {
                    PhoneProtocolException p = unwrap(e);
                    return p.reason() == FailureReason.TIMEOUT ? CompletableFuture.completedFuture(Optional.empty())
                            : CompletableFuture.failedFuture(p);
                });
    }

    @Override
    public CompletableFuture<ServerAssignment> readAssignment(PhoneIdentity phone) {
        return send(phone.address(), requests.identify(), "read servers")
                .thenApply(response -> {
                    List<ServerAddress> servers = requests.servers(phone.address(), response);
                    if (servers.isEmpty()) {
                        throw new CompletionException(new PhoneProtocolException(FailureReason.MALFORMED_REPLY,
                                "phone " + phone.address().getHostAddress() + " holds no server address in the "
                                        + "objects of profile '" + profile.name() + "'"));
                    }
                    return new ServerAssignment(servers);
                })
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(unwrap(e)));
    }

    @Override
    public CompletableFuture<CallState> callState(PhoneIdentity phone) {
        if (profile.callState().isEmpty()) {
            return CompletableFuture.completedFuture(CallState.UNKNOWN);
        }
        return send(phone.address(), requests.callState(), "read call state")
                .thenApply(requests::callState)
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(unwrap(e)));
    }

    @Override
    public CompletableFuture<PushResult> assign(PhoneIdentity phone, ServerAssignment assignment) {
        return assign(phone, assignment, BusyPolicy.DEFER);
    }

    @Override
    public CompletableFuture<PushResult> assign(PhoneIdentity phone, ServerAssignment assignment,
                                                BusyPolicy busyPolicy) {
        if (!profile.writable()) {
            return CompletableFuture.completedFuture(new PushResult.Failed(FailureReason.NOT_WRITABLE,
                    "profile '" + profile.name() + "' is read-only: it can identify and verify phones but cannot "
                            + "reprogram them; use a writable profile or another protocol"));
        }
        Instant start = clock.instant();
        List<ServerAddress> pushed = assignment.servers().subList(0,
                Math.min(assignment.servers().size(), profile.slotCount()));
        PDU set;
        try {
            set = requests.set(pushed);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new PushResult.Failed(FailureReason.UNSUPPORTED,
                    "profile '" + profile.name() + "' cannot hold " + pushed + ": " + e.getMessage()));
        }
        CompletableFuture<Optional<PushResult>> busy = busyPolicy == BusyPolicy.DEFER && profile.callState().isPresent()
                ? callState(phone).thenApply(state -> state == CallState.BUSY
                        ? Optional.of((PushResult) new PushResult.Deferred(FailureReason.BUSY, "phone "
                                + phone.address().getHostAddress() + " is in a call (" + profile.callState().get().oid()
                                + "); not reprogrammed"))
                        : Optional.<PushResult>empty())
                : CompletableFuture.completedFuture(Optional.empty());
        return busy.thenCompose(deferred -> deferred.isPresent() ? CompletableFuture.completedFuture(deferred.get())
                        : send(phone.address(), set, "set servers")
                                .thenCompose(reply -> {
                                    Optional<PushResult.Failed> refused = requests.setRefused(reply, pushed);
                                    if (refused.isPresent()) {
                                        return CompletableFuture.completedFuture((PushResult) refused.get());
                                    }
                                    return readBack(phone, pushed, start);
                                }))
                .exceptionally(e -> {
                    PhoneProtocolException p = unwrap(e);
                    return new PushResult.Failed(p.reason(), p.getMessage());
                });
    }

    private CompletableFuture<PushResult> readBack(PhoneIdentity phone, List<ServerAddress> pushed, Instant start) {
        return send(phone.address(), requests.readBack(), "read back servers").thenApply(reply -> {
            List<ServerAddress> read;
            try {
                read = requests.slots(reply);
            } catch (IllegalArgumentException e) {
                return new PushResult.Failed(FailureReason.VERIFY_MISMATCH, "phone "
                        + phone.address().getHostAddress() + " accepted " + pushed + " but reading it back failed: "
                        + e.getMessage());
            }
            List<ServerAddress> compared = read.size() >= pushed.size() ? read.subList(0, pushed.size()) : read;
            if (!compared.equals(pushed)) {
                return new PushResult.Failed(FailureReason.VERIFY_MISMATCH, "phone "
                        + phone.address().getHostAddress() + " accepted " + pushed + " but reads back " + read);
            }
            return new PushResult.Applied(new ServerAssignment(new ArrayList<>(compared)),
                    Duration.between(start, clock.instant()));
        });
    }

    private CompletableFuture<PDU> send(InetAddress address, PDU pdu, String what) {
        Target<UdpAddress> target = session.target(address, port, credentials, timeout, retries);
        // A fresh copy per request: SNMP4J sets the request ID on the PDU it sends.
        PDU copy = (PDU) pdu.clone();
        return session.send(copy, target, what + " (" + name() + ")");
    }

    static PhoneProtocolException unwrap(Throwable e) {
        Throwable t = e;
        while (t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException) {
            if (t.getCause() == null) {
                break;
            }
            t = t.getCause();
        }
        if (t instanceof PhoneProtocolException p) {
            return p;
        }
        return new PhoneProtocolException(FailureReason.MALFORMED_REPLY, String.valueOf(t.getMessage()), t);
    }

    @Override
    public String toString() {
        return name() + " (" + credentials + ")";
    }
}

package org.phonecontroller.protocols;

import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One way of talking to a phone (SNMP with a profile, a vendor HTTP API, ...). Implementations are thread-safe,
 * asynchronous and bounded by the timeout they were built with.
 *
 * <p>Futures complete normally with the documented value, or exceptionally with a
 * {@link PhoneProtocolException} that carries the {@link FailureReason}; never with another exception type.
 */
public interface PhoneProtocol {

    /** The name used in configuration, e.g. {@code snmp:cisco-sip-ua} or {@code polycom-rest}. */
    String name();

    /**
     * Asks the address whether it is a phone this protocol can manage.
     *
     * @return the identity, or empty when nothing answered or what answered is not such a phone; exceptionally
     *     when something answered but refused us (e.g. {@link FailureReason#AUTH_FAILED})
     */
    CompletableFuture<Optional<PhoneIdentity>> identify(InetAddress address);

    /** Reads the servers the phone is configured with, primary slot first. */
    CompletableFuture<ServerAssignment> readAssignment(PhoneIdentity phone);

    /**
     * Pushes the assignment and reads it back. Completes with {@link PushResult.Applied} only when the read-back
     * matches; failures are {@link PushResult.Failed} values, not exceptional completions.
     */
    CompletableFuture<PushResult> assign(PhoneIdentity phone, ServerAssignment assignment);

    /**
     * Like {@link #assign(PhoneIdentity, ServerAssignment)} with an explicit choice for phones in a call:
     * {@link BusyPolicy#DEFER} completes with {@code Deferred(BUSY, ...)} without writing anything when the phone
     * says it is in a call; {@link BusyPolicy#FORCE} pushes regardless. {@code assign(phone, assignment)} of the
     * built-in adapters means {@code DEFER}. Adapters that cannot tell the call state ignore the policy (this
     * default).
     */
    default CompletableFuture<PushResult> assign(PhoneIdentity phone, ServerAssignment assignment,
                                                 BusyPolicy busyPolicy) {
        return assign(phone, assignment);
    }

    /** Whether the phone is in a call; {@link CallState#UNKNOWN} when the protocol cannot tell. */
    CompletableFuture<CallState> callState(PhoneIdentity phone);
}

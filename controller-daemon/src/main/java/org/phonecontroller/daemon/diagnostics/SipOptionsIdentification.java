package org.phonecontroller.daemon.diagnostics;

import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.phonecontroller.protocols.CallState;
import org.phonecontroller.protocols.FailureReason;
import org.phonecontroller.protocols.PhoneIdentity;
import org.phonecontroller.protocols.PhoneProtocol;
import org.phonecontroller.protocols.PhoneProtocolException;
import org.phonecontroller.protocols.PushResult;
import org.phonecontroller.protocols.ServerAssignment;
import org.phonecontroller.protocols.sip.SipDiscovery;

/**
 * {@code sip}: identification by SIP OPTIONS and the phone's User-Agent. Needs no credentials; cannot read or write
 * a phone's servers, so it only ever answers "who is there".
 */
final class SipOptionsIdentification implements PhoneProtocol {

    static final String NAME = "sip";

    private final SipDiscovery discovery;

    SipOptionsIdentification(SipDiscovery discovery) {
        this.discovery = discovery;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CompletableFuture<Optional<PhoneIdentity>> identify(InetAddress address) {
        return discovery.identify(address);
    }

    @Override
    public CompletableFuture<ServerAssignment> readAssignment(PhoneIdentity phone) {
        return CompletableFuture.failedFuture(new PhoneProtocolException(FailureReason.UNSUPPORTED,
                "SIP OPTIONS does not tell which servers a phone is configured with"));
    }

    @Override
    public CompletableFuture<PushResult> assign(PhoneIdentity phone, ServerAssignment assignment) {
        return CompletableFuture.completedFuture(new PushResult.Failed(FailureReason.UNSUPPORTED,
                "SIP OPTIONS cannot reprogram a phone"));
    }

    @Override
    public CompletableFuture<CallState> callState(PhoneIdentity phone) {
        return CompletableFuture.completedFuture(CallState.UNKNOWN);
    }
}

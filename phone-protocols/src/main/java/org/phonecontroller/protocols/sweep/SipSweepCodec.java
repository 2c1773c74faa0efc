package org.phonecontroller.protocols.sweep;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Optional;

import org.phonecontroller.protocols.Transport;
import org.phonecontroller.protocols.sip.SipEncoder;
import org.phonecontroller.protocols.sip.SipMessage;
import org.phonecontroller.protocols.sip.SipParseException;
import org.phonecontroller.protocols.sip.SipParser;
import org.phonecontroller.protocols.sip.SipRequestBuilder;
import org.phonecontroller.protocols.sip.SipResponse;

/** SIP OPTIONS per target; the Call-ID {@code sweep-SALT-TARGET} lets a reply name its target. */
final class SipSweepCodec {

    /** What a reply said. */
    record Reply(long target, String userAgent) {
    }

    private final SipParser parser = new SipParser();
    private final String salt;
    private final String callIdPrefix;
    private final String localHost;
    private final int localPort;

    SipSweepCodec(long seed, String localHost, int localPort) {
        this.salt = Long.toHexString(seed & 0xFFFF_FFFFL);
        this.callIdPrefix = "sweep-" + salt + "-";
        this.localHost = localHost;
        this.localPort = localPort;
    }

    void request(long target, InetAddress address, int port, ByteBuffer out) {
        String uri = "sip:" + SipRequestBuilder.hostPort(address.getHostAddress(), port);
        byte[] bytes = SipEncoder.encode(SipRequestBuilder.request("OPTIONS", uri)
                .via(Transport.UDP, localHost, localPort, SipMessage.BRANCH_COOKIE + salt + "x" + target)
                .maxForwards(70)
                .from("sip:phonecontroller@" + SipRequestBuilder.hostPort(localHost, localPort), salt)
                .to(uri)
                .callId(callIdPrefix + target)
                .cseq(1)
                .header("User-Agent", "PhoneController")
                .header("Accept", "application/sdp")
                .build());
        out.clear();
        out.put(bytes);
        out.flip();
    }

    /** The reply's target and User-Agent (or Server), or empty for anything else. */
    Optional<Reply> decode(ByteBuffer datagram) {
        try {
            SipMessage m = parser.parseDatagram(datagram.array(), datagram.arrayOffset() + datagram.position(),
                    datagram.remaining());
            if (!(m instanceof SipResponse r) || r.isProvisional()) {
                return Optional.empty();
            }
            String callId = r.callId().orElse("");
            if (!callId.startsWith(callIdPrefix)) {
                return Optional.empty();
            }
            long target = Long.parseLong(callId.substring(callIdPrefix.length()));
            return Optional.of(new Reply(target, r.userAgent().orElse("")));
        } catch (SipParseException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}

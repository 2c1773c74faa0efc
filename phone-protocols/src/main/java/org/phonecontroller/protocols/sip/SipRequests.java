package org.phonecontroller.protocols.sip;

import java.util.Objects;

import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.Transport;

/**
 * The requests the controller (and the lab's phones) send, each with a fresh Via branch, From tag and Call-ID,
 * {@code Max-Forwards: 70} and a User-Agent.
 *
 * @param local     where replies should go: our host and port as put into Via and Contact
 * @param transport the transport named in Via
 * @param userAgent the User-Agent value
 * @param ids       source of branches, tags and Call-IDs
 */
public record SipRequests(ServerAddress local, Transport transport, String userAgent, SipIds ids) {

    public static final String DEFAULT_USER_AGENT = "PhoneController";

    public SipRequests {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(ids, "ids");
    }

    /** OPTIONS to {@code sip:host:port}, as a keep-alive probe or discovery request. */
    public SipRequest options(ServerAddress target) {
        String uri = sipUri(null, target);
        return start("OPTIONS", uri, uri, ids.callId(), 1).header("Accept", "application/sdp").build();
    }

    /**
     * NOTIFY {@code Event: check-sync;reboot=false|true} to a phone (out of dialog): the phone re-fetches its
     * provisioning files; with {@code reboot} it restarts.
     */
    public SipRequest notifyCheckSync(ServerAddress phone, boolean reboot) {
        return notify(phone, "check-sync;reboot=" + reboot, ids.callId(), 1);
    }

    /**
     * NOTIFY with {@code Event: event} to a phone, out of dialog ({@code check-sync}, {@code resync}, ...). A retry
     * with credentials keeps {@code callId} and takes the next {@code cseq}.
     */
    public SipRequest notify(ServerAddress phone, String event, String callId, long cseq) {
        String uri = sipUri(null, phone);
        return start("NOTIFY", uri, uri, callId, cseq)
                .contact(sipUri(null, local))
                .header("Event", event)
                .header("Subscription-State", "terminated")
                .build();
    }

    /**
     * REGISTER of {@code user} at a registrar, binding our {@link #local} address for {@code expires} seconds.
     * Refreshes reuse the Call-ID with a higher CSeq (RFC 3261 10.2.4); {@code expires} 0 removes the binding.
     */
    public SipRequest register(String user, ServerAddress registrar, int expires, String callId, long cseq) {
        if (expires < 0) {
            throw new IllegalArgumentException("expires " + expires + " < 0");
        }
        String aor = sipUri(user, registrar);
        return start("REGISTER", sipUri(null, registrar), aor, callId, cseq)
                .contact(sipUri(user, local))
                .header("Expires", Integer.toString(expires))
                .build();
    }

    /** A new Call-ID, for the first REGISTER of a series. */
    public String newCallId() {
        return ids.callId();
    }

    private SipRequestBuilder start(String method, String requestUri, String toUri, String callId, long cseq) {
        return SipRequestBuilder.request(method, requestUri)
                .via(transport, local.host(), local.port(), ids.branch())
                .maxForwards(70)
                .from(method.equals("REGISTER") ? toUri : sipUri("phonecontroller", local), ids.tag())
                .to(toUri)
                .callId(callId)
                .cseq(cseq)
                .header("User-Agent", userAgent);
    }

    /** {@code sip:[user@]host:port}, IPv6 literals in brackets. */
    public static String sipUri(String user, ServerAddress address) {
        return "sip:" + (user == null ? "" : user + "@") + SipRequestBuilder.hostPort(address.host(), address.port());
    }
}

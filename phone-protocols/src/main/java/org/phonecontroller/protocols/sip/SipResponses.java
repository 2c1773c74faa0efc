package org.phonecontroller.protocols.sip;

import java.util.Map;

/** Responses to received requests (RFC 3261 8.2.6): Via, From, To (+ tag), Call-ID and CSeq copied. */
public final class SipResponses {

    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(100, "Trying"), Map.entry(180, "Ringing"), Map.entry(200, "OK"), Map.entry(202, "Accepted"),
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(408, "Request Timeout"),
            Map.entry(481, "Call/Transaction Does Not Exist"), Map.entry(486, "Busy Here"),
            Map.entry(489, "Bad Event"), Map.entry(500, "Server Internal Error"),
            Map.entry(501, "Not Implemented"), Map.entry(503, "Service Unavailable"),
            Map.entry(505, "Version Not Supported"));

    private SipResponses() {
    }

    /** The standard reason phrase of a code, or an empty string. */
    public static String reasonPhrase(int code) {
        return REASONS.getOrDefault(code, "");
    }

    /** A response with the standard reason phrase; {@code toTag} is added to To unless To has a tag already. */
    public static SipResponse reply(SipRequest request, int code, String toTag) {
        return reply(request, code, reasonPhrase(code), toTag);
    }

    public static SipResponse reply(SipRequest request, int code, String reason, String toTag) {
        SipHeaders in = request.headers();
        SipHeaders out = SipHeaders.empty();
        for (String via : in.all("Via")) {
            out = out.with("Via", via);
        }
        out = copy(in, out, "From");
        String to = in.first("To").orElse("");
        if (!to.isEmpty()) {
            boolean tagged = HeaderValues.parameter(to, "tag").isPresent();
            out = out.with("To", tagged || code == 100 || toTag == null ? to : to + ";tag=" + toTag);
        }
        out = copy(in, out, "Call-ID");
        out = copy(in, out, "CSeq");
        return new SipResponse(code, reason, out.with("Content-Length", "0"));
    }

    private static SipHeaders copy(SipHeaders in, SipHeaders out, String name) {
        var v = in.first(name);
        return v.isPresent() ? out.with(name, v.get()) : out;
    }
}

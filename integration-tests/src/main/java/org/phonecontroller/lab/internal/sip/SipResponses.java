package org.phonecontroller.lab.internal.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds responses to requests (RFC 3261 section 8.2.6): Via, From, To, Call-ID and CSeq copied, To tagged. */
public final class SipResponses {
    private SipResponses() {
    }

    public static SipMessage responseTo(SipMessage request, int code, String reason, String toTag,
                                        List<Map.Entry<String, String>> extra) {
        List<Map.Entry<String, String>> h = new ArrayList<>();
        for (var e : request.headers()) {
            String n = e.getKey();
            if (n.equalsIgnoreCase("Via") || n.equalsIgnoreCase("From") || n.equalsIgnoreCase("Call-ID")
                    || n.equalsIgnoreCase("CSeq")) {
                h.add(e);
            } else if (n.equalsIgnoreCase("To")) {
                String to = e.getValue();
                h.add(Map.entry("To", SipMessage.param(to, "tag").isPresent() || code == 100 ? to
                        : to + ";tag=" + toTag));
            }
        }
        h.addAll(extra);
        return new SipMessage("SIP/2.0 " + code + " " + reason, h, new byte[0]);
    }
}

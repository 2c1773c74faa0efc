package org.phonecontroller.lab.internal;

import org.phonecontroller.protocols.sip.SipHeaders;
import org.phonecontroller.protocols.sip.SipRequest;
import org.phonecontroller.protocols.sip.SipResponse;
import org.phonecontroller.protocols.sip.SipResponses;

/** Replies of the lab's SIP endpoints, built on the shared codec of {@code phone-protocols}. */
final class LabSip {
    private LabSip() {
    }

    /** A response to {@code request} (Via, From, To tagged, Call-ID, CSeq copied) plus name/value header pairs. */
    static SipResponse reply(SipRequest request, int code, String reason, String toTag, String... extraHeaders) {
        SipResponse base = SipResponses.reply(request, code, reason, toTag);
        SipHeaders headers = base.headers();
        for (int i = 0; i < extraHeaders.length; i += 2) {
            headers = headers.with(extraHeaders[i], extraHeaders[i + 1]);
        }
        return new SipResponse(code, reason, headers);
    }
}

package org.phonecontroller.protocols.http;

import java.util.ArrayList;
import java.util.List;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.support.AbstractAsyncResponseConsumer;
import org.apache.hc.core5.http.protocol.HttpContext;

/** Reads a phone's reply into a {@link PhoneReply}, its body through a {@link BoundedBody}. */
final class PhoneReplyConsumer extends AbstractAsyncResponseConsumer<PhoneReply, String> {

    PhoneReplyConsumer() {
        super(BoundedBody::new);
    }

    /** Of the headers only the challenges are kept: nothing reads the others (three replies per phone moved). */
    @Override
    protected PhoneReply buildResult(HttpResponse response, String body, ContentType contentType) {
        List<String> challenges = new ArrayList<>(1);
        for (Header h : response.getHeaders("WWW-Authenticate")) {
            challenges.add(h.getValue());
        }
        return new PhoneReply(response.getCode(), challenges, body);
    }

    @Override
    public void informationResponse(HttpResponse response, HttpContext context) {
        // 1xx: nothing to do, the final reply follows
    }
}

package org.phonecontroller.protocols.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    @Override
    protected PhoneReply buildResult(HttpResponse response, String body, ContentType contentType) {
        Map<String, List<String>> headers = new HashMap<>();
        for (Header h : response.getHeaders()) {
            headers.computeIfAbsent(h.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(h.getValue());
        }
        return new PhoneReply(response.getCode(), headers, body);
    }

    @Override
    public void informationResponse(HttpResponse response, HttpContext context) {
        // 1xx: nothing to do, the final reply follows
    }
}

package org.phonecontroller.protocols.sip;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes messages in RFC 3261 wire form: start line, headers in order with their long names, a Content-Length
 * that always equals the body length (replacing a stale one in place, appended when missing), CRLFs.
 */
public final class SipEncoder {

    private SipEncoder() {
    }

    public static byte[] encode(SipMessage message) {
        byte[] body = message.body();
        var sb = new StringBuilder(256).append(message.startLine()).append("\r\n");
        boolean lengthWritten = false;
        for (SipHeader h : message.headers().fields()) {
            if (h.name().equals("Content-Length")) {
                if (!lengthWritten) {
                    sb.append("Content-Length: ").append(body.length).append("\r\n");
                    lengthWritten = true;
                }
                continue;
            }
            sb.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        if (!lengthWritten) {
            sb.append("Content-Length: ").append(body.length).append("\r\n");
        }
        sb.append("\r\n");
        byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
        var out = new ByteArrayOutputStream(head.length + body.length);
        out.writeBytes(head);
        out.writeBytes(body);
        return out.toByteArray();
    }
}

package org.phonecontroller.protocols.registrar;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Asterisk Manager Interface messages from a stream: {@code Key: Value} lines ended by CRLF, a message ended by
 * an empty line (Asterisk's "AMI v2 Specification"). Keys are kept in lower case. Bounded: no line longer than
 * {@link #MAX_LINE}, no message with more than {@link #MAX_FIELDS} fields, and no more than {@code maxBytes} in all;
 * anything else is {@link MalformedRegistrarReply}.
 */
final class AmiMessages {
    static final int MAX_LINE = 8192;
    static final int MAX_FIELDS = 256;

    private final InputStream in;
    private final long maxBytes;
    private long read;

    AmiMessages(InputStream in, long maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The banner line the server sends first, e.g. {@code Asterisk Call Manager/9.0.0}. */
    String banner() throws IOException {
        String line = line();
        if (line == null) {
            throw new MalformedRegistrarReply("the connection closed before the AMI banner");
        }
        return line;
    }

    /** The next message, or empty at the end of the stream. */
    Optional<Map<String, String>> next() throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        while (true) {
            String line = line();
            if (line == null) {
                if (fields.isEmpty()) {
                    return Optional.empty();
                }
                throw new MalformedRegistrarReply("the connection closed in the middle of an AMI message");
            }
            if (line.isEmpty()) {
                if (fields.isEmpty()) {
                    continue;
                }
                return Optional.of(fields);
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MalformedRegistrarReply("AMI line without 'Key: Value'");
            }
            if (fields.size() >= MAX_FIELDS) {
                throw new MalformedRegistrarReply("AMI message with more than " + MAX_FIELDS + " fields");
            }
            fields.putIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).strip());
        }
    }

    /** One line without its CR LF (a bare LF is accepted too); null at the end of the stream. */
    private String line() throws IOException {
        byte[] buf = new byte[256];
        int n = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return n == 0 ? null : new String(buf, 0, n, StandardCharsets.UTF_8);
            }
            if (++read > maxBytes) {
                throw new MalformedRegistrarReply("AMI answer larger than " + maxBytes + " bytes");
            }
            if (b == '\n') {
                if (n > 0 && buf[n - 1] == '\r') {
                    n--;
                }
                return new String(buf, 0, n, StandardCharsets.UTF_8);
            }
            if (n >= MAX_LINE) {
                throw new MalformedRegistrarReply("AMI line longer than " + MAX_LINE + " bytes");
            }
            if (n == buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.min(MAX_LINE + 1, buf.length * 2));
            }
            buf[n++] = (byte) b;
        }
    }
}

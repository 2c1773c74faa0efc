package org.phonecontroller.lab.internal.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A SIP message as the lab needs it (RFC 3261 section 7): start line, headers in order, body.
 * Compact header names ({@code v}, {@code i}, {@code m}, ...) are expanded when parsed.
 *
 * @param startLine request line or status line, without CRLF
 * @param headers   name/value pairs in wire order (names in their long form)
 * @param body      the body, empty when none
 */
public record SipMessage(String startLine, List<Map.Entry<String, String>> headers, byte[] body) {
    private static final Map<String, String> COMPACT = Map.of("v", "Via", "f", "From", "t", "To", "i", "Call-ID",
            "m", "Contact", "l", "Content-Length", "c", "Content-Type", "k", "Supported", "o", "Event", "s", "Subject");

    public SipMessage {
        headers = List.copyOf(headers);
    }

    public boolean isRequest() {
        return !startLine.startsWith("SIP/");
    }

    /** The method of a request, or of the CSeq of a response. */
    public String method() {
        if (isRequest()) {
            return startLine.substring(0, startLine.indexOf(' '));
        }
        String cseq = header("CSeq").orElse("");
        int sp = cseq.indexOf(' ');
        return sp < 0 ? "" : cseq.substring(sp + 1).trim();
    }

    public String requestUri() {
        String[] parts = startLine.split(" ");
        return parts.length > 1 ? parts[1] : "";
    }

    /** The status code of a response, or -1 for a request. */
    public int statusCode() {
        if (isRequest()) {
            return -1;
        }
        String[] parts = startLine.split(" ", 3);
        try {
            return Integer.parseInt(parts[1]);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** The first value of the header, compared case-insensitively. */
    public Optional<String> header(String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return Optional.of(h.getValue());
            }
        }
        return Optional.empty();
    }

    /** Every value of the header, split at commas outside quotes/angle brackets for Via. */
    public List<String> headerValues(String name) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                out.addAll(name.equalsIgnoreCase("Via") ? splitList(h.getValue()) : List.of(h.getValue()));
            }
        }
        return out;
    }

    /** A parameter ({@code ;name=value}) of the header's first value. */
    public Optional<String> headerParam(String header, String param) {
        return header(header).flatMap(v -> param(v, param));
    }

    public static Optional<String> param(String headerValue, String param) {
        String[] parts = headerValue.split(";");
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            int eq = p.indexOf('=');
            String n = eq < 0 ? p : p.substring(0, eq).trim();
            if (n.equalsIgnoreCase(param)) {
                return Optional.of(eq < 0 ? "" : p.substring(eq + 1).trim());
            }
        }
        return Optional.empty();
    }

    public byte[] encode() {
        StringBuilder sb = new StringBuilder(256 + body.length).append(startLine).append("\r\n");
        boolean hasLength = false;
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase("Content-Length")) {
                hasLength = true;
                sb.append("Content-Length: ").append(body.length).append("\r\n");
            } else {
                sb.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
            }
        }
        if (!hasLength) {
            sb.append("Content-Length: ").append(body.length).append("\r\n");
        }
        sb.append("\r\n");
        byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + body.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(body, 0, out, head.length, body.length);
        return out;
    }

    @Override
    public String toString() {
        return startLine;
    }

    /**
     * Parses one complete message (a UDP datagram, or a frame found by {@link #frameLength}).
     *
     * @throws SipParseException saying what is wrong
     */
    public static SipMessage parse(byte[] data, int offset, int length) throws SipParseException {
        int headEnd = indexOf(data, offset, offset + length, "\r\n\r\n");
        int bodyStart;
        if (headEnd < 0) {
            headEnd = offset + length;
            while (headEnd > offset && (data[headEnd - 1] == '\r' || data[headEnd - 1] == '\n')) {
                headEnd--;
            }
            bodyStart = offset + length;
        } else {
            bodyStart = headEnd + 4;
        }
        String head = new String(data, offset, headEnd - offset, StandardCharsets.UTF_8);
        String[] lines = head.split("\r?\n");
        if (lines.length == 0 || lines[0].isBlank()) {
            throw new SipParseException("empty message");
        }
        String start = lines[0].trim();
        if (!start.startsWith("SIP/2.0 ") && !start.endsWith(" SIP/2.0")) {
            throw new SipParseException("not a SIP/2.0 start line: '" + abbreviate(start) + "'");
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if ((line.startsWith(" ") || line.startsWith("\t")) && !headers.isEmpty()) {
                var last = headers.remove(headers.size() - 1);
                headers.add(Map.entry(last.getKey(), last.getValue() + " " + line.trim()));
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new SipParseException("header line without a name: '" + abbreviate(line) + "'");
            }
            String name = line.substring(0, colon).trim();
            name = COMPACT.getOrDefault(name.toLowerCase(Locale.ROOT), name);
            headers.add(Map.entry(name, line.substring(colon + 1).trim()));
        }
        int available = offset + length - bodyStart;
        int bodyLength = available;
        for (var h : headers) {
            if (h.getKey().equalsIgnoreCase("Content-Length")) {
                try {
                    bodyLength = Integer.parseInt(h.getValue().trim());
                } catch (NumberFormatException e) {
                    throw new SipParseException("Content-Length '" + abbreviate(h.getValue()) + "' is not a number");
                }
                if (bodyLength < 0 || bodyLength > available) {
                    throw new SipParseException("Content-Length " + bodyLength + " but " + available
                            + " body bytes");
                }
            }
        }
        byte[] body = new byte[bodyLength];
        System.arraycopy(data, bodyStart, body, 0, bodyLength);
        SipMessage m = new SipMessage(start, headers, body);
        if (m.header("Call-ID").isEmpty() || m.header("CSeq").isEmpty() || m.header("Via").isEmpty()) {
            throw new SipParseException("missing Via, Call-ID or CSeq");
        }
        return m;
    }

    /**
     * The length of the first complete message in a stream buffer, or -1 when more bytes are needed.
     *
     * @throws SipParseException when the head is not followed by a usable Content-Length
     */
    public static int frameLength(byte[] data, int offset, int length) throws SipParseException {
        int headEnd = indexOf(data, offset, offset + length, "\r\n\r\n");
        if (headEnd < 0) {
            if (length > 64 * 1024) {
                throw new SipParseException("no end of headers within 64 KiB");
            }
            return -1;
        }
        String head = new String(data, offset, headEnd - offset, StandardCharsets.UTF_8);
        int bodyLength = 0;
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                String name = line.substring(0, colon).trim();
                if (name.equalsIgnoreCase("Content-Length") || name.equals("l")) {
                    try {
                        bodyLength = Integer.parseInt(line.substring(colon + 1).trim());
                    } catch (NumberFormatException e) {
                        throw new SipParseException("Content-Length is not a number");
                    }
                }
            }
        }
        int total = headEnd + 4 - offset + bodyLength;
        return total <= length ? total : -1;
    }

    private static List<String> splitList(String value) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '<') {
                depth++;
            } else if (!quoted && c == '>') {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                out.add(value.substring(start, i).trim());
                start = i + 1;
            }
        }
        out.add(value.substring(start).trim());
        return out;
    }

    private static int indexOf(byte[] data, int from, int to, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = from; i <= to - n.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (data[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}

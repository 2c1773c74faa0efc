package org.phonecontroller.protocols.sip;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.phonecontroller.protocols.sip.SipParseException.Reason;

/**
 * Parses RFC 3261 messages: strict about structure (start line, header syntax, Content-Length, size limits),
 * lenient where the RFC asks for it (leading CRLFs, LWS around colons, folded header lines, header-name case,
 * compact forms, bare LF line ends). Thread-safe and without state.
 */
public final class SipParser {

    private final SipLimits limits;

    public SipParser() {
        this(SipLimits.DEFAULTS);
    }

    public SipParser(SipLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public SipLimits limits() {
        return limits;
    }

    public SipMessage parseDatagram(byte[] datagram) throws SipParseException {
        return parseDatagram(datagram, 0, datagram.length);
    }

    /**
     * Parses one whole datagram. Without Content-Length the body is the rest of the datagram; bytes beyond
     * Content-Length are ignored (RFC 3261 18.3).
     */
    public SipMessage parseDatagram(byte[] data, int offset, int length) throws SipParseException {
        Objects.checkFromIndexSize(offset, length, data.length);
        ByteBuffer buf = ByteBuffer.wrap(data, offset, length);
        int start = skipCrlf(buf);
        if (start == buf.limit()) {
            throw new SipParseException(Reason.EMPTY, "datagram of " + length + " bytes holds no message");
        }
        int headEnd = findHeadEnd(buf, start);
        if (headEnd < 0) {
            if (buf.limit() - start > limits.maxHeaderBytes()) {
                throw tooLargeHead();
            }
            throw new SipParseException(Reason.TRUNCATED, "no empty line after the headers");
        }
        Head head = parseHead(buf, start, headEnd);
        int available = buf.limit() - headEnd;
        int bodyLength;
        if (head.contentLength < 0) {
            if (available > limits.maxBodyBytes()) {
                throw new SipParseException(Reason.TOO_LARGE,
                        "body of " + available + " bytes exceeds " + limits.maxBodyBytes());
            }
            bodyLength = available;
        } else if (head.contentLength > available) {
            throw new SipParseException(Reason.TRUNCATED, "Content-Length " + head.contentLength + " but only "
                    + available + " body bytes");
        } else {
            bodyLength = head.contentLength;
        }
        return head.toMessage(Arrays.copyOfRange(data, headEnd, headEnd + bodyLength));
    }

    /**
     * Frames the next message of a stream (TCP/TLS) from {@code buf}'s position to its limit, without moving the
     * position. Content-Length frames the body; a message without it has an empty body.
     *
     * @throws SipParseException when the bytes cannot start a valid message; the stream is then unusable
     */
    public StreamFrame frame(ByteBuffer buf) throws SipParseException {
        int start = skipCrlf(buf);
        if (start == buf.limit()) {
            int skipped = start - buf.position();
            // Keep a lone CR: its LF may come with the next read.
            if (skipped > 0 && buf.get(start - 1) == '\r') {
                skipped--;
            }
            return skipped > 0 ? new StreamFrame.KeepAlive(skipped) : new StreamFrame.NeedMore();
        }
        int headEnd = findHeadEnd(buf, start);
        if (headEnd < 0) {
            if (buf.limit() - start > limits.maxHeaderBytes()) {
                throw tooLargeHead();
            }
            checkStartLooksLikeSip(buf, start);
            return new StreamFrame.NeedMore();
        }
        Head head = parseHead(buf, start, headEnd);
        int bodyLength = Math.max(head.contentLength, 0);
        if (buf.limit() - headEnd < bodyLength) {
            return new StreamFrame.NeedMore();
        }
        byte[] body = new byte[bodyLength];
        buf.get(headEnd, body);
        return new StreamFrame.Message(head.toMessage(body), headEnd + bodyLength - buf.position());
    }

    /** Rejects early a stream that cannot be SIP, instead of buffering up to the header limit. */
    private static void checkStartLooksLikeSip(ByteBuffer buf, int start) throws SipParseException {
        for (int i = start; i < buf.limit(); i++) {
            byte b = buf.get(i);
            if (b == ' ' || b == '\r' || b == '\n') {
                return;
            }
            if (!HeaderNames.isTokenChar((char) (b & 0xff)) && b != '/') {
                throw new SipParseException(Reason.BAD_START_LINE,
                        "byte 0x" + Integer.toHexString(b & 0xff) + " cannot start a SIP message");
            }
        }
    }

    private SipParseException tooLargeHead() {
        return new SipParseException(Reason.TOO_LARGE,
                "no end of headers within " + limits.maxHeaderBytes() + " bytes");
    }

    private static int skipCrlf(ByteBuffer buf) {
        int i = buf.position();
        while (i < buf.limit() && (buf.get(i) == '\r' || buf.get(i) == '\n')) {
            i++;
        }
        return i;
    }

    /** Index just after the empty line that ends the headers, or -1; searches at most maxHeaderBytes. */
    private int findHeadEnd(ByteBuffer buf, int start) {
        int end = Math.min(buf.limit(), start + limits.maxHeaderBytes());
        int lineStart = start;
        for (int i = start; i < end; i++) {
            if (buf.get(i) == '\n') {
                int contentEnd = i > lineStart && buf.get(i - 1) == '\r' ? i - 1 : i;
                if (contentEnd == lineStart) {
                    return i + 1;
                }
                lineStart = i + 1;
            }
        }
        return -1;
    }

    private Head parseHead(ByteBuffer buf, int start, int headEnd) throws SipParseException {
        for (int i = start; i < headEnd; i++) {
            int b = buf.get(i) & 0xff;
            boolean loneCr = b == '\r' && (i + 1 >= headEnd || buf.get(i + 1) != '\n');
            if ((b < 0x20 && b != '\t' && b != '\r' && b != '\n') || b == 0x7f || loneCr) {
                throw new SipParseException(Reason.BAD_CHARACTER,
                        "control character 0x" + Integer.toHexString(b) + " at byte " + (i - start));
            }
        }
        byte[] bytes = new byte[headEnd - start];
        buf.get(start, bytes);
        List<String> lines = splitLines(new String(bytes, StandardCharsets.UTF_8));
        String startLine = lines.get(0);
        List<SipHeader> headers = unfold(lines.subList(1, lines.size()));
        return new Head(parseStartLine(startLine), new SipHeaders(headers), contentLength(headers));
    }

    private static List<String> splitLines(String head) {
        var lines = new ArrayList<String>();
        int from = 0;
        while (from < head.length()) {
            int nl = head.indexOf('\n', from);
            int end = nl > from && head.charAt(nl - 1) == '\r' ? nl - 1 : nl;
            if (end == from) {
                break; // the empty line
            }
            lines.add(head.substring(from, end));
            from = nl + 1;
        }
        return lines;
    }

    private List<SipHeader> unfold(List<String> lines) throws SipParseException {
        var headers = new ArrayList<SipHeader>();
        String name = null;
        StringBuilder value = null;
        for (String line : lines) {
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                if (name == null) {
                    throw new SipParseException(Reason.BAD_HEADER, "continuation line before any header: '"
                            + abbreviate(line) + "'");
                }
                value.append(' ').append(line.strip());
                continue;
            }
            if (name != null) {
                headers.add(new SipHeader(name, value.toString()));
            }
            int colon = line.indexOf(':');
            String n = colon < 0 ? "" : line.substring(0, colon).stripTrailing();
            if (!HeaderNames.isToken(n)) {
                throw new SipParseException(Reason.BAD_HEADER, "not a header line: '" + abbreviate(line) + "'");
            }
            if (headers.size() >= limits.maxHeaders()) {
                throw new SipParseException(Reason.TOO_LARGE, "more than " + limits.maxHeaders() + " headers");
            }
            name = n;
            value = new StringBuilder(line.substring(colon + 1).strip());
        }
        if (name != null) {
            headers.add(new SipHeader(name, value.toString()));
        }
        return headers;
    }

    /** -1 when absent. */
    private int contentLength(List<SipHeader> headers) throws SipParseException {
        int found = -1;
        for (SipHeader h : headers) {
            if (!h.name().equals("Content-Length")) {
                continue;
            }
            String v = h.value();
            if (v.isEmpty() || v.length() > 9 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
                if (v.length() > 9 && v.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    throw new SipParseException(Reason.TOO_LARGE, "Content-Length " + abbreviate(v));
                }
                throw new SipParseException(Reason.BAD_CONTENT_LENGTH, "Content-Length '" + abbreviate(v) + "'");
            }
            int n = Integer.parseInt(v);
            if (found >= 0 && found != n) {
                throw new SipParseException(Reason.BAD_CONTENT_LENGTH,
                        "two Content-Length headers: " + found + " and " + n);
            }
            found = n;
        }
        if (found > limits.maxBodyBytes()) {
            throw new SipParseException(Reason.TOO_LARGE,
                    "Content-Length " + found + " exceeds " + limits.maxBodyBytes());
        }
        return found;
    }

    private static StartLine parseStartLine(String line) throws SipParseException {
        if (line.regionMatches(true, 0, "SIP/", 0, 4)) {
            return parseStatusLine(line);
        }
        String[] parts = line.split("[ \\t]+");
        if (parts.length != 3) {
            throw badStart(line);
        }
        checkVersion(parts[2], line);
        if (!HeaderNames.isToken(parts[0]) || parts[1].indexOf(':') <= 0) {
            throw badStart(line);
        }
        return new StartLine(parts[0], parts[1], 0, "");
    }

    private static StartLine parseStatusLine(String line) throws SipParseException {
        int sp = line.indexOf(' ');
        if (sp < 0) {
            throw badStart(line);
        }
        checkVersion(line.substring(0, sp), line);
        String rest = line.substring(sp + 1).stripLeading();
        if (rest.length() < 3 || !rest.substring(0, 3).chars().allMatch(c -> c >= '0' && c <= '9')
                || (rest.length() > 3 && rest.charAt(3) != ' ' && rest.charAt(3) != '\t')) {
            throw badStart(line);
        }
        int code = Integer.parseInt(rest.substring(0, 3));
        if (code < 100 || code > 699) {
            throw badStart(line);
        }
        return new StartLine(null, null, code, rest.substring(3).strip());
    }

    private static void checkVersion(String version, String line) throws SipParseException {
        if (!version.toUpperCase(Locale.ROOT).equals(SipMessage.SIP_VERSION)) {
            if (version.toUpperCase(Locale.ROOT).matches("SIP/\\d+\\.\\d+")) {
                throw new SipParseException(Reason.UNSUPPORTED_VERSION, "'" + abbreviate(line) + "'");
            }
            throw badStart(line);
        }
    }

    private static SipParseException badStart(String line) {
        return new SipParseException(Reason.BAD_START_LINE, "'" + abbreviate(line) + "'");
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    private record StartLine(String method, String uri, int code, String reason) {
    }

    private record Head(StartLine start, SipHeaders headers, int contentLength) {
        SipMessage toMessage(byte[] body) {
            if (start.method != null) {
                return new SipRequest(start.method, start.uri, headers, body);
            }
            return new SipResponse(start.code, start.reason, headers, body);
        }
    }
}

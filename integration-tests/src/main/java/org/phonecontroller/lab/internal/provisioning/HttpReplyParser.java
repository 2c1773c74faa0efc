package org.phonecontroller.lab.internal.provisioning;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Parses an HTTP/1.x response as a phone's provisioning client reads it: status line, headers, then a body framed
 * by {@code Content-Length}, {@code Transfer-Encoding: chunked} or the end of the connection. Whatever the bytes,
 * the result is a {@link Reply} or {@link Malformed}.
 */
public final class HttpReplyParser {
    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

    private HttpReplyParser() {
    }

    /** An HTTP reply: status code and body bytes. */
    public record Reply(int status, byte[] body) {
    }

    /** The bytes are no HTTP reply the phone could use. */
    public static final class Malformed extends Exception {
        public Malformed(String message) {
            super(message);
        }
    }

    /**
     * Whether {@code length} bytes of {@code buf} hold the complete reply, so the reader can stop before the server
     * closes: true once the headers ended and {@code Content-Length} bytes of body arrived (or the status has no
     * body). Chunked and unframed replies complete only at the end of the connection.
     */
    public static boolean complete(byte[] buf, int length) {
        int end = indexOf(buf, length, HEADER_END);
        if (end < 0) {
            return false;
        }
        String head = new String(buf, 0, end, StandardCharsets.ISO_8859_1);
        long contentLength = contentLength(head);
        return contentLength >= 0 && length - (end + 4) >= contentLength;
    }

    /** Parses a whole reply. */
    public static Reply parse(byte[] buf, int length) throws Malformed {
        int end = indexOf(buf, length, HEADER_END);
        if (end < 0) {
            throw new Malformed("the headers do not end");
        }
        String head = new String(buf, 0, end, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r\n");
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].matches("HTTP/1\\.[01]") || !status[1].matches("\\d{3}")) {
            throw new Malformed("not an HTTP/1.x status line");
        }
        int code = Integer.parseInt(status[1]);
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                throw new Malformed("a header line without a name");
            }
            if (lines[i].substring(0, colon).strip().equalsIgnoreCase("Transfer-Encoding")
                    && lines[i].substring(colon + 1).toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            }
        }
        int bodyStart = end + 4;
        if (chunked) {
            return new Reply(code, dechunk(buf, bodyStart, length));
        }
        long contentLength = contentLength(head);
        if (contentLength == -2) {
            throw new Malformed("Content-Length is not a number");
        }
        if (contentLength >= 0) {
            if (length - bodyStart < contentLength) {
                throw new Malformed("the body ends after " + (length - bodyStart) + " of " + contentLength + " bytes");
            }
            return new Reply(code, Arrays.copyOfRange(buf, bodyStart, bodyStart + (int) contentLength));
        }
        return new Reply(code, Arrays.copyOfRange(buf, bodyStart, length));
    }

    private static byte[] dechunk(byte[] buf, int from, int length) throws Malformed {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int pos = from;
        while (true) {
            int lineEnd = indexOf(buf, pos, length, new byte[] {'\r', '\n'});
            if (lineEnd < 0) {
                throw new Malformed("a chunk size line does not end");
            }
            String sizeText = new String(buf, pos, lineEnd - pos, StandardCharsets.ISO_8859_1);
            int semicolon = sizeText.indexOf(';');
            sizeText = (semicolon >= 0 ? sizeText.substring(0, semicolon) : sizeText).strip();
            if (!sizeText.matches("[0-9a-fA-F]{1,7}")) {
                throw new Malformed("a chunk size is not hexadecimal");
            }
            int size = Integer.parseInt(sizeText, 16);
            pos = lineEnd + 2;
            if (size == 0) {
                return out.toByteArray();
            }
            if (length - pos < size + 2) {
                throw new Malformed("a chunk is cut off");
            }
            out.write(buf, pos, size);
            pos += size + 2;
        }
    }

    /** -1 when absent, -2 when not a number. */
    private static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase("Content-Length")) {
                String v = line.substring(colon + 1).strip();
                return v.matches("\\d{1,9}") ? Long.parseLong(v) : -2;
            }
        }
        String status = head.length() >= 12 ? head.substring(9, 12) : "";
        return status.equals("204") || status.equals("304") ? 0 : -1;
    }

    private static int indexOf(byte[] buf, int length, byte[] wanted) {
        return indexOf(buf, 0, length, wanted);
    }

    private static int indexOf(byte[] buf, int from, int length, byte[] wanted) {
        outer:
        for (int i = Math.max(0, from); i <= length - wanted.length; i++) {
            for (int j = 0; j < wanted.length; j++) {
                if (buf[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

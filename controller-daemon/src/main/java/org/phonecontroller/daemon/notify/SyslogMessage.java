package org.phonecontroller.daemon.notify;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One RFC 5424 syslog message (section 6). Written by hand rather than taken from a library: the format is one
 * ABNF page, Logback's SyslogAppender speaks only RFC 3164, and the Java RFC 5424 clients (syslog4j,
 * CloudBees' syslog-java-client) are unmaintained; {@code SyslogMessageTest} checks it against the RFC's examples
 * (6.5). Header fields are cut to their maximum length and to printable US-ASCII; structured-data values are
 * escaped ({@code "}, {@code \}, {@code ]}); the message is UTF-8 after a BOM.
 *
 * @param facility  0-23 (3 is "system daemons")
 * @param severity  0 (emergency) - 7 (debug)
 * @param timestamp when; {@code null} writes the NILVALUE
 * @param hostname  the sender, or empty for NILVALUE
 * @param elements  structured data: SD-ID to its parameters, in order
 */
record SyslogMessage(int facility, int severity, OffsetDateTime timestamp, String hostname, String appName,
                     String procId, String msgId, List<Element> elements, Optional<String> message) {
    static final int DAEMON = 3;

    /** One SD-ELEMENT: {@code [id name="value" ...]}. */
    record Element(String id, Map<String, String> params) {
    }

    SyslogMessage {
        if (facility < 0 || facility > 23 || severity < 0 || severity > 7) {
            throw new IllegalArgumentException("facility 0-23 and severity 0-7");
        }
        elements = List.copyOf(elements);
    }

    /** The message as sent: header, structured data, then BOM and the UTF-8 text if there is one. */
    byte[] bytes() {
        StringBuilder s = new StringBuilder();
        s.append('<').append(facility * 8 + severity).append(">1 ");
        s.append(timestamp == null ? "-" : timestamp(timestamp)).append(' ');
        s.append(field(hostname, 255)).append(' ').append(field(appName, 48)).append(' ')
                .append(field(procId, 128)).append(' ').append(field(msgId, 32)).append(' ');
        if (elements.isEmpty()) {
            s.append('-');
        }
        for (Element e : elements) {
            s.append('[').append(name(e.id()));
            e.params().forEach((k, v) -> s.append(' ').append(name(k)).append("=\"").append(escape(v)).append('"'));
            s.append(']');
        }
        byte[] header = s.toString().getBytes(StandardCharsets.US_ASCII);
        if (message.isEmpty()) {
            return header;
        }
        byte[] text = message.get().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[header.length + 4 + text.length];
        System.arraycopy(header, 0, all, 0, header.length);
        all[header.length] = ' ';
        all[header.length + 1] = (byte) 0xEF;
        all[header.length + 2] = (byte) 0xBB;
        all[header.length + 3] = (byte) 0xBF;
        System.arraycopy(text, 0, all, header.length + 4, text.length);
        return all;
    }

    /** RFC 3339 as 5424 restricts it: at most 6 fractional digits, {@code Z} or {@code +hh:mm}. */
    static String timestamp(OffsetDateTime t) {
        int nanos = t.getNano();
        String pattern = nanos == 0 ? "uuuu-MM-dd'T'HH:mm:ss" : nanos % 1_000_000 == 0 ? "uuuu-MM-dd'T'HH:mm:ss.SSS"
                : "uuuu-MM-dd'T'HH:mm:ss.SSSSSS";
        String offset = t.getOffset().equals(ZoneOffset.UTC) ? "Z" : t.getOffset().getId();
        return DateTimeFormatter.ofPattern(pattern).format(t) + offset;
    }

    /** A header field: NILVALUE when empty, else printable US-ASCII (33-126) up to {@code max} characters. */
    static String field(String value, int max) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < value.length() && s.length() < max; i++) {
            char c = value.charAt(i);
            s.append(c >= 33 && c <= 126 ? c : '_');
        }
        return s.isEmpty() ? "-" : s.toString();
    }

    /** An SD-NAME: printable US-ASCII except {@code = ] "} and space, at most 32 characters. */
    private static String name(String value) {
        return field(value, 32).replaceAll("[=\\]\"]", "_");
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("]", "\\]");
    }
}

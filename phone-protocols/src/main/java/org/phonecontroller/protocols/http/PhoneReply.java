package org.phonecontroller.protocols.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A phone's reply: status, the headers the transport and adapters read (names in lower case), and the body as text
 * (decoded with the charset of its {@code Content-Type}, UTF-8 if none; empty when there is none).
 */
record PhoneReply(int status, Map<String, List<String>> headers, String body) {

    PhoneReply {
        headers = Map.copyOf(headers);
        body = body == null ? "" : body;
    }

    /** Every value of header {@code name}, in order; empty when absent. */
    List<String> header(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }
}

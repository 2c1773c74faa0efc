package org.phonecontroller.protocols.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to a phone's web API as the adapters write it; {@link HttpTransport} sends it to a phone and adds the
 * {@code Authorization} header. Bodies are text, sent as UTF-8.
 *
 * @param method       {@code GET} or {@code POST}
 * @param pathAndQuery the raw path and query, e.g. {@code /cgi-bin/api.values.get?request=P47&sid=...}
 * @param headers      further request headers (none of the adapters needs more than the body's content type)
 * @param body         the body, if any
 * @param contentType  the body's content type ({@code application/json}), empty without a body
 */
record PhoneRequest(String method, String pathAndQuery, Map<String, String> headers, Optional<String> body,
                    Optional<String> contentType) {

    PhoneRequest {
        Objects.requireNonNull(method, "method");
        if (!pathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("'" + pathAndQuery + "' does not start with /");
        }
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(contentType, "contentType");
    }

    static PhoneRequest get(String pathAndQuery) {
        return new PhoneRequest("GET", pathAndQuery, Map.of(), Optional.empty(), Optional.empty());
    }

    static PhoneRequest post(String pathAndQuery, String contentType, String body) {
        return new PhoneRequest("POST", pathAndQuery, Map.of(), Optional.of(body), Optional.of(contentType));
    }

    /** This request with one more header. */
    PhoneRequest withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new PhoneRequest(method, pathAndQuery, more, body, contentType);
    }
}

package org.phonecontroller.lab.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small helpers to answer an exchange and read its parameters. */
final class Responses {
    static final ObjectMapper JSON = new ObjectMapper();

    private Responses() {
    }

    static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static void json(HttpExchange exchange, int status, Object body) throws IOException {
        String text;
        try {
            text = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IOException("cannot write JSON reply", e);
        }
        send(exchange, status, "application/json", text);
    }

    /** Query parameters, then form parameters of a POST body (application/x-www-form-urlencoded). */
    static Map<String, String> params(HttpExchange exchange, byte[] body) {
        Map<String, String> out = new LinkedHashMap<>();
        parse(exchange.getRequestURI().getRawQuery(), out);
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (body.length > 0 && (type == null || type.startsWith("application/x-www-form-urlencoded"))) {
            parse(new String(body, StandardCharsets.UTF_8), out);
        }
        return out;
    }

    private static void parse(String query, Map<String, String> out) {
        if (query == null || query.isEmpty()) {
            return;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                out.put(k, v);
            }
        }
    }

    static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}

package org.phonecontroller.protocols.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A minimal phone web API on a 127.x address for adapter tests, following the vendor documentation: Poly REST
 * ({@code /api/v1/...}), Snom ({@code /settings.xml}, {@code /dummy.htm}) and Grandstream ({@code /cgi-bin/...}).
 * HTTP Basic or Digest (RFC 7616: MD5, MD5-sess, SHA-256, SHA-512-256, SHA-512-256-sess) protects Poly and Snom; Grandstream logs
 * in with a form. A changed {@link #nonce} makes requests with the old one stale (a 401 with {@code stale=true}, as
 * RFC 7616 3.3 says); {@link #challenges} counts the 401s sent. The real fake world is the phone lab
 * (integration-tests); this stays small.
 */
final class FakeVendorPhone implements AutoCloseable {

    enum Auth {
        BASIC(""), DIGEST_MD5("MD5"), DIGEST_MD5_SESS("MD5-sess"), DIGEST_SHA256("SHA-256"),
        DIGEST_SHA512_256("SHA-512-256"), DIGEST_SHA512_256_SESS("SHA-512-256-sess");

        final String algorithm;

        Auth(String algorithm) {
            this.algorithm = algorithm;
        }
    }

    static final String USER = "admin";
    static final String PASSWORD = "phone-pass-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    final Map<String, String> settings = new ConcurrentHashMap<>();
    final Map<String, String> sessions = new ConcurrentHashMap<>();
    volatile boolean busy;
    volatile boolean ignoreWrites;
    volatile Auth auth = Auth.DIGEST_SHA256;
    volatile String nonce;
    final java.util.concurrent.atomic.AtomicInteger challenges = new java.util.concurrent.atomic.AtomicInteger();
    final HttpServer server;
    final InetAddress address;

    FakeVendorPhone() throws IOException {
        address = InetAddress.getByName("127.32." + ThreadLocalRandom.current().nextInt(1, 250) + "."
                + ThreadLocalRandom.current().nextInt(2, 250));
        nonce = "nonce-" + address.getHostAddress();
        server = HttpServer.create(new InetSocketAddress(address, 0), 50);
        settings.put("reg.1.server.1.address", "127.0.0.10");
        settings.put("reg.1.server.1.port", "5060");
        settings.put("reg.1.server.2.address", "");
        settings.put("reg.1.server.2.port", "");
        settings.put("user_host1", "127.0.0.10:5060");
        settings.put("P47", "127.0.0.10:5060");
        settings.put("P967", "");
        server.createContext("/api/v1/", this::poly);
        server.createContext("/settings.xml", this::snomSettings);
        server.createContext("/dummy.htm", this::snomSave);
        server.createContext("/cgi-bin/", this::grandstream);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void poly(HttpExchange ex) throws IOException {
        if (!authorized(ex)) {
            return;
        }
        String path = ex.getRequestURI().getPath();
        switch (path) {
            case "/api/v1/mgmt/device/info" -> reply(ex, 200, "{\"Status\":\"2000\",\"data\":{\"ModelNumber\":"
                    + "\"VVX 450\",\"FirmwareRelease\":\"6.4.3.5018\",\"MACAddress\":\"0004f2aabbcc\"}}");
            case "/api/v1/mgmt/config/get" -> {
                JsonNode keys = JSON.readTree(ex.getRequestBody()).path("data");
                Map<String, String> data = new LinkedHashMap<>();
                keys.forEach(k -> data.put(k.asText(), settings.getOrDefault(k.asText(), "")));
                reply(ex, 200, JSON.writeValueAsString(Map.of("Status", "2000", "data", data)));
            }
            case "/api/v1/mgmt/config/set" -> {
                JsonNode data = JSON.readTree(ex.getRequestBody()).path("data");
                if (!ignoreWrites) {
                    data.fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue().asText()));
                }
                reply(ex, 200, "{\"Status\":\"2000\"}");
            }
            case "/api/v1/webCallControl/callStatus" -> reply(ex, 200, busy
                    ? "{\"Status\":\"2000\",\"data\":{\"CallState\":\"Connected\",\"CallHandle\":\"0x1\"}}"
                    : "{\"Status\":\"4007\"}");
            default -> reply(ex, 404, "{\"Status\":\"4004\"}");
        }
    }

    private void snomSettings(HttpExchange ex) throws IOException {
        if (authorized(ex)) {
            reply(ex, 200, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<settings>\n<phone-settings>\n"
                    + "<phone_type perm=\"R\">snomD785</phone_type>\n"
                    + "<firmware_version perm=\"R\">10.1.159.12</firmware_version>\n"
                    + "<mac_addr perm=\"R\">000413AABBCC</mac_addr>\n"
                    + "<user_host idx=\"1\" perm=\"\">" + settings.get("user_host1") + "</user_host>\n"
                    + "</phone-settings>\n</settings>\n");
        }
    }

    private void snomSave(HttpExchange ex) throws IOException {
        if (!authorized(ex)) {
            return;
        }
        Map<String, String> query = form(ex.getRequestURI().getRawQuery());
        if ("save".equals(query.get("settings")) && !ignoreWrites) {
            query.forEach((k, v) -> {
                if (k.startsWith("user_host")) {
                    settings.put(k, v);
                }
            });
        }
        reply(ex, 200, "<html><body>saved</body></html>");
    }

    private void grandstream(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        Map<String, String> params = form(ex.getRequestMethod().equals("POST")
                ? new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                : ex.getRequestURI().getRawQuery());
        if (path.equals("/cgi-bin/dologin")) {
            if (USER.equals(params.get("username")) && PASSWORD.equals(params.get("password"))) {
                String sid = UUID.randomUUID().toString();
                sessions.put(sid, "valid");
                reply(ex, 200, "{\"response\":\"success\",\"body\":{\"sid\":\"" + sid + "\"}}");
            } else {
                reply(ex, 200, "{\"response\":\"error\",\"body\":\"wrong username or password\"}");
            }
            return;
        }
        if (!sessions.containsKey(Optional.ofNullable(params.get("sid")).orElse(""))) {
            reply(ex, 200, "{\"response\":\"error\",\"body\":\"session-expired\"}");
            return;
        }
        switch (path) {
            case "/cgi-bin/api.values.get" -> {
                Map<String, String> body = new LinkedHashMap<>();
                for (String name : params.getOrDefault("request", "").split(":")) {
                    switch (name) {
                        case "phone_model" -> body.put(name, "GXP2170");
                        case "prog_version" -> body.put(name, "1.0.11.6");
                        case "mac" -> body.put(name, "00:0b:82:aa:bb:cc");
                        default -> body.put(name, settings.getOrDefault(name, ""));
                    }
                }
                reply(ex, 200, JSON.writeValueAsString(Map.of("response", "success", "body", body)));
            }
            case "/cgi-bin/api.values.post" -> {
                if (!ignoreWrites) {
                    params.forEach((k, v) -> {
                        if (k.matches("P\\d+")) {
                            settings.put(k, v);
                        }
                    });
                }
                reply(ex, 200, "{\"response\":\"success\",\"body\":{\"status\":\"right\"}}");
            }
            case "/cgi-bin/api-get_line_status" -> reply(ex, 200, "{\"response\":\"success\",\"body\":[{\"line\":1,"
                    + "\"state\":\"" + (busy ? "connected" : "idle") + "\"}]}");
            default -> reply(ex, 404, "");
        }
    }

    /** Checks Basic or Digest; on failure sends the 401 challenge and returns false. */
    private boolean authorized(HttpExchange ex) throws IOException {
        String header = ex.getRequestHeaders().getFirst("Authorization");
        if (header != null && auth == Auth.BASIC && header.equals("Basic " + java.util.Base64.getEncoder()
                .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))) {
            return true;
        }
        String algorithm = auth.algorithm;
        String nonce = this.nonce;
        boolean stale = false;
        if (header != null && auth != Auth.BASIC && header.startsWith("Digest ")) {
            Map<String, String> p = AuthChallenge.parse(header).get(0).params();
            AuthChallenge challenge = new AuthChallenge("Digest", Map.of("realm", "phone", "nonce",
                    p.getOrDefault("nonce", ""), "qop", "auth", "algorithm", algorithm, "opaque", "op"));
            try {
                String expected = DigestAuthorization.header(challenge, new HttpCredentials(USER, PASSWORD),
                        ex.getRequestMethod(), ex.getRequestURI().toString(), Integer.parseInt(p.getOrDefault("nc",
                                "0"), 16), p.getOrDefault("cnonce", ""));
                boolean answered = AuthChallenge.parse(expected).get(0).params().get("response")
                        .equals(p.get("response")) && ex.getRequestURI().toString().equals(p.get("uri"));
                if (answered && nonce.equals(p.get("nonce"))) {
                    return true;
                }
                stale = answered; // right password, old nonce
            } catch (DigestAuthorization.UnsupportedChallengeException | NumberFormatException e) {
                // fall through to the challenge
            }
        }
        ex.getResponseHeaders().add("WWW-Authenticate", auth == Auth.BASIC ? "Basic realm=\"phone\""
                : "Digest realm=\"phone\", nonce=\"" + nonce + "\", qop=\"auth\", algorithm=" + algorithm
                        + ", opaque=\"op\"" + (stale ? ", stale=true" : ""));
        challenges.incrementAndGet();
        reply(ex, 401, "");
        return false;
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }

    List<String> snapshot(String... keys) {
        return java.util.Arrays.stream(keys).map(k -> settings.getOrDefault(k, "")).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

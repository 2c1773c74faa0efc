package org.phonecontroller.lab.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.phonecontroller.lab.LabViews.PhoneFilter;
import org.phonecontroller.lab.Misbehaviour;
import org.phonecontroller.lab.PhoneLab;

/**
 * The lab's control API: HTTP+JSON on a loopback address. See docs/phone-lab.md for every endpoint.
 */
public final class ControlApiServer implements AutoCloseable {
    private final PhoneLab lab;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ObjectMapper json = new ObjectMapper().registerModule(new Jdk8Module())
            .registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public ControlApiServer(PhoneLab lab, InetSocketAddress listen) throws IOException {
        if (!listen.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("the control API listens on loopback only, not " + listen);
        }
        this.lab = lab;
        this.server = HttpServer.create(listen, 64);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    public void start() {
        server.start();
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(64 * 1024);
            }
            try {
                Object reply = route(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        query(exchange.getRequestURI().getRawQuery()), body);
                send(exchange, 200, reply);
            } catch (RegistrarDown e) {
                send(exchange, 503, Map.of("error", e.getMessage()));
            } catch (NoSuchElementException e) {
                send(exchange, 404, Map.of("error", e.getMessage()));
            } catch (IllegalStateException e) {
                send(exchange, 409, Map.of("error", e.getMessage()));
            } catch (IllegalArgumentException e) {
                send(exchange, 400, Map.of("error", e.getMessage()));
            }
        }
    }

    private Object route(String method, String path, Map<String, String> q, byte[] body) {
        String[] p = path.replaceAll("^/+|/+$", "").split("/");
        boolean get = method.equals("GET");
        boolean post = method.equals("POST");
        if (get && path.equals("/status")) {
            Map<String, Object> out = new LinkedHashMap<>();
            boolean withPhones = !"false".equals(q.get("phones"));
            boolean withRegistrations = !"false".equals(q.get("registrations"));
            out.put("summary", lab.summary());
            out.put("phoneManagers", lab.phoneManagers(withRegistrations));
            if (withPhones) {
                out.put("phones", lab.phones(PhoneFilter.ALL));
            }
            return out;
        }
        if (get && path.equals("/summary")) {
            return lab.summary();
        }
        if (get && path.equals("/phones")) {
            return lab.phones(new PhoneFilter(Optional.ofNullable(q.get("registeredTo")),
                    Optional.ofNullable(q.get("vendor")), Optional.ofNullable(q.get("busy")).map(Boolean::parseBoolean),
                    q.containsKey("limit") ? Integer.parseInt(q.get("limit")) : Integer.MAX_VALUE));
        }
        if (get && path.equals("/phone-managers")) {
            return lab.phoneManagers(!"false".equals(q.get("registrations")));
        }
        if (get && path.equals("/stats")) {
            Map<String, Object> out = new LinkedHashMap<>();
            lab.phoneManagers(false).forEach(pm -> out.put(pm.name(), lab.stats(pm.name())));
            return out;
        }
        if (p.length == 2 && p[0].equals("phone-managers") && get) {
            return lab.phoneManager(p[1], !"false".equals(q.get("registrations")));
        }
        if (p.length == 3 && p[0].equals("phone-managers")) {
            String name = p[1];
            if (get && p[2].equals("stats")) {
                return lab.stats(name);
            }
            if (post && p[2].equals("RPC")) {
                // Kamailio's JSON-RPC ul.dump, for registrar views; a killed or hung PhoneManager does not answer
                return lab.registrarRpc(name, body).orElseThrow(() -> new RegistrarDown("PhoneManager '" + name
                        + "' is not up: its registrar does not answer"));
            }
            if (post) {
                switch (p[2]) {
                    case "kill" -> lab.killPhoneManager(name);
                    case "hang" -> lab.hangPhoneManager(name);
                    case "restart" -> lab.restartPhoneManager(name);
                    case "probe-loss" -> lab.setProbeLoss(name, fraction(q, body, "fraction"));
                    default -> throw new NoSuchElementException("no action '" + p[2] + "' (kill, hang, restart,"
                            + " probe-loss)");
                }
                return lab.phoneManager(name, false);
            }
        }
        if (p.length == 2 && p[0].equals("phones") && get) {
            return lab.phone(p[1]).orElseThrow(() -> new NoSuchElementException("no lab phone at '" + p[1] + "'"));
        }
        if (p.length == 3 && p[0].equals("phones") && post) {
            String address = p[1];
            switch (p[2]) {
                case "busy" -> lab.setBusy(address, true);
                case "idle" -> lab.setBusy(address, false);
                case "misbehave" -> lab.misbehave(address, misbehaviour(body));
                case "behave" -> lab.misbehave(address, Misbehaviour.NONE);
                default -> throw new NoSuchElementException("no action '" + p[2] + "' (busy, idle, misbehave,"
                        + " behave)");
            }
            return lab.phone(address).orElseThrow();
        }
        throw new NoSuchElementException("no endpoint " + method + " " + path);
    }

    /** A lab registrar that is killed or hung: its JSON-RPC answers 503 (the daemon's view becomes unknown). */
    private static final class RegistrarDown extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RegistrarDown(String message) {
            super(message, null, false, false);
        }
    }

    private Misbehaviour misbehaviour(byte[] body) {
        JsonNode n = readJson(body);
        try {
            return new Misbehaviour(Durations.parse(n.path("replyDelay").asText("0ms")),
                    n.path("dropFraction").asDouble(0), n.path("malformedFraction").asDouble(0),
                    n.path("wrongCredentials").asBoolean(false),
                    n.has("rebootAfterChange") ? Durations.parse(n.get("rebootAfterChange").asText()) : Duration.ZERO);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad misbehaviour: " + e.getMessage(), e);
        }
    }

    private double fraction(Map<String, String> q, byte[] body, String key) {
        String text = q.containsKey(key) ? q.get(key) : readJson(body).path(key).asText("");
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + key + "' must be a number within 0..1, got '" + text + "'");
        }
    }

    private JsonNode readJson(byte[] body) {
        if (body.length == 0) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("body is not JSON: " + e.getMessage());
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }


    private void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

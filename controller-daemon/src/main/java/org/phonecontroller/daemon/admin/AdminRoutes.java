package org.phonecontroller.daemon.admin;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Authenticates every request and maps the routes of the admin API onto {@link AdminOperations}. */
final class AdminRoutes implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(AdminRoutes.class);
    private static final int MAX_BODY_BYTES = 64 * 1024;
    private static final int DEFAULT_EVENT_LIMIT = 1000;
    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9._:-]{1,200}");
    private static final String JSON = "application/json";

    private final ObjectMapper json = AdminJson.mapper();
    private final AdminOperations operations;
    private final ControllerMetrics metrics;
    private final AdminToken token;
    private final EventStream events;

    AdminRoutes(AdminOperations operations, ControllerMetrics metrics, AdminToken token, Duration followPoll) {
        this.operations = operations;
        this.metrics = metrics;
        this.token = token;
        this.events = new EventStream(operations, json, followPoll);
    }

    void stopFollowing() {
        events.stop();
    }

    @Override
    public void handle(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        try {
            if (!authorized(exchange)) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"phonecontroller\"");
                send(exchange, 401, new ApiError("missing or wrong admin token",
                        "send 'Authorization: Bearer <token>' with the content of the file named by admin.tokenFile"));
            } else {
                route(exchange, method, path);
            }
        } catch (AdminRequestRejected rejected) {
            trySend(exchange, rejected.reason().httpStatus(), new ApiError(rejected.getMessage(), rejected.advice()));
        } catch (BadRequest bad) {
            trySend(exchange, 400, new ApiError("bad request to " + method + " " + path + ": " + bad.getMessage(),
                    "see docs/admin-api.md for the parameters of this route"));
        } catch (IOException clientGone) {
            log.debug("Admin client left during {} {}: {}", method, path, clientGone.toString());
        } catch (RuntimeException e) {
            log.error("Admin request {} {} failed", method, path, e);
            trySend(exchange, 500, new ApiError("the daemon failed to answer " + method + " " + path + ": " + e,
                    "see logs/phonecontroller.log of the daemon"));
        } finally {
            exchange.close(); // after the catch blocks: they may still answer
        }
    }

    private boolean authorized(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return token.matches(header.substring(7).strip());
    }

    private void route(HttpExchange ex, String method, String path) throws IOException {
        Map<String, String> query = query(ex);
        switch (method + " " + path) {
            case "GET /api/status" -> send(ex, 200, operations.status());
            case "GET /api/phones" -> send(ex, 200,
                    operations.phones(query.get("range"), phoneState(query.get("state"))));
            case "POST /api/scan" -> send(ex, 202, operations.scan(body(ex, RangeRequest.class, true).range()));
            case "POST /api/failover" -> {
                RangeRequest request = body(ex, RangeRequest.class, false);
                if (request.range() == null || request.range().isBlank()) {
                    throw new BadRequest("a failover names its range: {\"range\": \"floor-1\"}");
                }
                send(ex, 202, operations.failover(request.range()));
            }
            case "POST /api/failback" -> failback(ex);
            case "POST /api/config/reload" -> {
                ConfigReloadAnswer answer = operations.reloadConfig();
                send(ex, answer instanceof ConfigReloadAnswer.Rejected ? 422 : 200, answer);
            }
            case "GET /api/events" -> events(ex, query);
            case "GET /api/provisioning" -> provisioning(ex, query);
            case "GET /metrics" -> metrics(ex);
            default -> {
                if (method.equals("GET") && path.startsWith("/api/jobs/")) {
                    job(ex, path.substring("/api/jobs/".length()));
                } else if (isKnownPath(path)) {
                    send(ex, 405, new ApiError(method + " is not allowed on " + path, "see docs/admin-api.md"));
                } else {
                    send(ex, 404, new ApiError("no such route: " + method + " " + path, "see docs/admin-api.md"));
                }
            }
        }
    }

    private void provisioning(HttpExchange ex, Map<String, String> query) throws IOException {
        String phone = query.get("phone");
        if (phone == null || phone.isBlank()) {
            throw new BadRequest("name the phone: /api/provisioning?phone=ADDRESS|MAC");
        }
        Optional<ProvisioningView> view;
        try {
            view = operations.provisioning(phone.strip(), query.get("file"), query.containsKey("preview"));
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
        if (view.isPresent()) {
            send(ex, 200, view.get());
        } else {
            send(ex, 404, new ApiError(phone + " is in no range provisioned by the controller",
                    "ranges with protocols: [provisioning:<profile>] and a provisioning: section"));
        }
    }

    private void failback(HttpExchange ex) throws IOException {
        FailbackAnswer answer = operations.failback(body(ex, FailbackRequest.class, false));
        int status = switch (answer) {
            case FailbackAnswer.Started started -> 202;
            case FailbackAnswer.Refused refused -> 409;
            case FailbackAnswer.DryRun dryRun -> 200;
        };
        send(ex, status, answer);
    }

    private void job(HttpExchange ex, String id) throws IOException {
        if (!JOB_ID.matcher(id).matches()) {
            throw new BadRequest("'" + id + "' is not a job id");
        }
        var progress = operations.job(id);
        if (progress.isPresent()) {
            send(ex, 200, progress.get());
        } else {
            send(ex, 404, new ApiError("no job " + id, "the daemon forgets finished jobs after a restart;"
                    + " see phonectl events for what happened"));
        }
    }

    private void events(HttpExchange ex, Map<String, String> query) throws IOException {
        Instant since = instant(query.getOrDefault("since", Instant.EPOCH.toString()));
        long after = number(query.getOrDefault("after", "0"), "after");
        int limit = (int) Math.min(number(query.getOrDefault("limit", "" + DEFAULT_EVENT_LIMIT), "limit"), 100_000);
        Set<String> kinds = query.containsKey("kinds")
                ? Arrays.stream(query.get("kinds").split(",")).map(String::strip).filter(k -> !k.isEmpty())
                        .map(k -> k.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet())
                : Set.of();
        if (Boolean.parseBoolean(query.getOrDefault("follow", "false"))) {
            events.follow(ex, since, after, kinds);
        } else {
            send(ex, 200, operations.events(since, after, kinds, limit));
        }
    }

    private void metrics(HttpExchange ex) throws IOException {
        metrics.refresh(operations.status());
        byte[] text = metrics.scrape().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        ex.sendResponseHeaders(200, text.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(text);
        }
    }

    private <T> T body(HttpExchange ex, Class<T> type, boolean emptyAllowed) throws IOException {
        byte[] bytes = ex.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new BadRequest("the request body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        if (bytes.length == 0 || new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            if (!emptyAllowed) {
                throw new BadRequest("this route needs a JSON body");
            }
            bytes = "{}".getBytes(StandardCharsets.UTF_8);
        }
        try {
            return json.readValue(bytes, type);
        } catch (JacksonException e) {
            throw new BadRequest("the body is not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage());
        }
    }

    private void send(HttpExchange ex, int status, Object value) throws IOException {
        byte[] bytes = json.writeValueAsBytes(value);
        ex.getResponseHeaders().set("Content-Type", JSON);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
        log.debug("Admin {} {} -> {}", ex.getRequestMethod(), ex.getRequestURI().getPath(), status);
    }

    private void trySend(HttpExchange ex, int status, ApiError error) {
        if (ex.getResponseCode() != -1) {
            return; // the answer has begun; the client sees the stream end early
        }
        try {
            send(ex, status, error);
        } catch (IOException e) {
            log.debug("Admin client left before the error answer: {}", e.toString());
        }
    }

    private static PhoneState phoneState(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return PhoneState.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("unknown phone state '" + text + "'; known: " + Arrays.toString(PhoneState.values()));
        }
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadRequest("since='" + text + "' is not an ISO-8601 instant like 2026-01-31T10:15:30Z");
        }
    }

    private static long number(String text, String name) {
        try {
            long n = Long.parseLong(text);
            if (n < 0) {
                throw new BadRequest(name + " must not be negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadRequest(name + "='" + text + "' is not a number");
        }
    }

    private static Map<String, String> query(HttpExchange ex) {
        String raw = ex.getRequestURI().getRawQuery();
        Map<String, String> query = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "true" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.put(key, value);
        }
        return query;
    }

    private static boolean isKnownPath(String path) {
        return Set.of("/api/status", "/api/phones", "/api/scan", "/api/failover", "/api/failback",
                "/api/config/reload", "/api/events", "/metrics", "/api/provisioning").contains(path) || path.startsWith("/api/jobs/");
    }

    /** A request the admin API cannot read; answered with 400. */
    static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }
}

package org.phonecontroller.daemon.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.phonecontroller.daemon.admin.AdminJson;
import org.phonecontroller.daemon.admin.AdminToken;
import org.phonecontroller.daemon.admin.ApiError;
import org.phonecontroller.daemon.admin.ConfigReloadAnswer;
import org.phonecontroller.daemon.admin.EventEntry;
import org.phonecontroller.daemon.admin.FailbackAnswer;
import org.phonecontroller.daemon.admin.FailbackRequest;
import org.phonecontroller.daemon.admin.JobProgress;
import org.phonecontroller.daemon.admin.JobRef;
import org.phonecontroller.daemon.admin.PhoneState;
import org.phonecontroller.daemon.admin.PhoneView;
import org.phonecontroller.daemon.admin.RangeRequest;
import org.phonecontroller.daemon.admin.StatusReport;

/**
 * The admin API seen from {@code phonectl}: one method per route, answers as the daemon's records. Every failure
 * becomes an {@link AdminCallFailed} with advice and the exit code it deserves (3 when the daemon does not answer,
 * 2 for a refused token or a request naming something unknown, 1 when the daemon refuses or fails).
 */
public final class AdminClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final ObjectMapper json = AdminJson.mapper();
    private final HttpClient http;
    private final AdminEndpoint endpoint;
    private final AdminToken token;

    public AdminClient(AdminEndpoint endpoint, AdminToken token) {
        this.endpoint = endpoint;
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    /** Reads the token file of the endpoint; an unreadable token file ends with exit 2 and advice. */
    public static AdminClient connect(AdminEndpoint endpoint) {
        try {
            return new AdminClient(endpoint, AdminToken.read(endpoint.tokenFile()));
        } catch (UncheckedIOException e) {
            throw new AdminCallFailed(ExitCodes.USAGE_OR_CONFIG, e.getMessage(), "");
        }
    }

    public StatusReport status() {
        return get("/api/status", new TypeReference<>() { });
    }

    public List<PhoneView> phones(String range, PhoneState state) {
        return get("/api/phones" + query("range", range, "state", state == null ? null : state.name()),
                new TypeReference<>() { });
    }

    public List<JobRef> scan(String range) {
        return post("/api/scan", new RangeRequest(range), new TypeReference<>() { });
    }

    public List<JobRef> failover(String range) {
        return post("/api/failover", new RangeRequest(range), new TypeReference<>() { });
    }

    /** Started, refused (HTTP 409) or the dry-run list. */
    public FailbackAnswer failback(FailbackRequest request) {
        HttpResponse<String> answer = send(build("/api/failback")
                .POST(HttpRequest.BodyPublishers.ofString(write(request))).header("Content-Type", "application/json"));
        if (answer.statusCode() == 409 && answer.body().contains("\"outcome\"")) {
            return read(answer, new TypeReference<>() { });
        }
        return expectOk(answer, new TypeReference<>() { });
    }

    public Optional<JobProgress> job(String id) {
        HttpResponse<String> answer = send(build("/api/jobs/" + encode(id)).GET());
        if (answer.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(expectOk(answer, new TypeReference<>() { }));
    }

    public List<EventEntry> events(Instant since, Set<String> kinds) {
        return get("/api/events" + query("since", since.toString(), "kinds", kinds.isEmpty() ? null
                : String.join(",", kinds)), new TypeReference<>() { });
    }

    /** Streams events until the daemon ends the stream (it stops) or the calling thread is interrupted. */
    public void followEvents(Instant since, Set<String> kinds, Consumer<EventEntry> sink) {
        HttpRequest request = build("/api/events" + query("since", since.toString(), "follow", "true", "kinds",
                kinds.isEmpty() ? null : String.join(",", kinds))).timeout(Duration.ofDays(365)).GET().build();
        HttpResponse<InputStream> answer = exchange(() -> http.send(request, HttpResponse.BodyHandlers.ofInputStream()));
        if (answer.statusCode() != 200) {
            try (InputStream body = answer.body()) {
                throw failure(answer.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw unreachable(e);
            }
        }
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(answer.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (!line.isBlank()) {
                    sink.accept(json.readValue(line, EventEntry.class));
                }
            }
        } catch (IOException e) {
            throw new AdminCallFailed(ExitCodes.DAEMON_UNREACHABLE, "the event stream from " + endpoint.authority()
                    + " broke off: " + e.getMessage(), "run the command again; is the daemon restarting?", e);
        }
    }

    /** Issue #14: a provisioning phone's last fetch, and with {@code preview} the file it would get now. */
    public org.phonecontroller.daemon.admin.ProvisioningView provisioning(String phone, String file, boolean preview) {
        return get("/api/provisioning" + query("phone", phone, "file", file, "preview", preview ? "true" : null),
                new TypeReference<>() { });
    }

    public ConfigReloadAnswer reloadConfig() {
        HttpResponse<String> answer = send(build("/api/config/reload").POST(HttpRequest.BodyPublishers.noBody()));
        if (answer.statusCode() == 422) {
            return read(answer, new TypeReference<>() { });
        }
        return expectOk(answer, new TypeReference<>() { });
    }

    private <T> T get(String path, TypeReference<T> type) {
        return expectOk(send(build(path).GET()), type);
    }

    private <T> T post(String path, Object body, TypeReference<T> type) {
        return expectOk(send(build(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body)))), type);
    }

    private HttpRequest.Builder build(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(endpoint.baseUri() + pathAndQuery))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", token.authorizationHeader())
                .header("Accept", "application/json");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        return exchange(() -> http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    private <T> T expectOk(HttpResponse<String> answer, TypeReference<T> type) {
        if (answer.statusCode() / 100 != 2) {
            throw failure(answer.statusCode(), answer.body());
        }
        return read(answer, type);
    }

    private <T> T read(HttpResponse<String> answer, TypeReference<T> type) {
        try {
            return json.readValue(answer.body(), type);
        } catch (JacksonException e) {
            throw new AdminCallFailed(ExitCodes.PARTLY_FAILED, "the daemon at " + endpoint.authority()
                    + " answered something this phonectl cannot read: " + e.getOriginalMessage(),
                    "use the phonectl of the same version as the daemon");
        }
    }

    private AdminCallFailed failure(int status, String body) {
        ApiError error;
        try {
            error = json.readValue(body, ApiError.class);
        } catch (JacksonException e) {
            error = new ApiError("HTTP " + status + " from " + endpoint.authority(), "");
        }
        return switch (status) {
            case 401 -> new AdminCallFailed(ExitCodes.USAGE_OR_CONFIG, "the daemon at " + endpoint.authority()
                    + " refused the admin token from " + endpoint.tokenFile(),
                    "the file may be an old copy or belong to another daemon: use the configuration the service"
                    + " runs with (--config), and run phonectl as the service account or root so it may read"
                    + " the token (the file must stay mode 0600)");
            case 400, 404 -> new AdminCallFailed(ExitCodes.USAGE_OR_CONFIG, error.error(), error.advice());
            default -> new AdminCallFailed(ExitCodes.PARTLY_FAILED, error.error(), error.advice());
        };
    }

    private <T> HttpResponse<T> exchange(HttpCall<T> call) {
        try {
            return call.send();
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw unreachable(e);
        } catch (HttpTimeoutException e) {
            throw new AdminCallFailed(ExitCodes.DAEMON_UNREACHABLE, "the daemon at " + endpoint.authority()
                    + " accepted the connection but did not answer within " + REQUEST_TIMEOUT.toSeconds() + "s",
                    "it may be overloaded or hung: look at its log (journalctl -u phonecontroller, logs/phonecontroller.log)",
                    e);
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminCallFailed(ExitCodes.DAEMON_UNREACHABLE, "interrupted while waiting for the daemon", "", e);
        }
    }

    private AdminCallFailed unreachable(IOException e) {
        return new AdminCallFailed(ExitCodes.DAEMON_UNREACHABLE, "the daemon at " + endpoint.authority()
                + " does not answer (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")",
                "is the service running? 'systemctl status phonecontroller' (Linux) or 'Get-Service phonecontroller'"
                + " (Windows); is " + endpoint.config() + " the configuration it runs with?", e);
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write " + body, e);
        }
    }

    private static String query(String... keysAndValues) {
        StringBuilder q = new StringBuilder();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                q.append(q.isEmpty() ? '?' : '&').append(keysAndValues[i]).append('=').append(encode(keysAndValues[i + 1]));
            }
        }
        return q.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @FunctionalInterface
    private interface HttpCall<T> {
        HttpResponse<T> send() throws IOException, InterruptedException;
    }
}

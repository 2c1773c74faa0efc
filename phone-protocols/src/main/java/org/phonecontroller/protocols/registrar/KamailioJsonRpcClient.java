package org.phonecontroller.protocols.registrar;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.phonecontroller.protocols.FailureReason;

/**
 * {@code kamailio-jsonrpc}: one HTTP POST of {@code {"jsonrpc":"2.0","method":"ul.dump","id":1}} to Kamailio's
 * JSON-RPC endpoint (modules {@code xhttp} + {@code jsonrpcs}, {@code event_route[xhttp:request]} calling
 * {@code jsonrpc_dispatch()}), the reply parsed by {@link KamailioUlDump}.
 */
public final class KamailioJsonRpcClient implements RegistrarClient {
    static final String REQUEST = "{\"jsonrpc\":\"2.0\",\"method\":\"ul.dump\",\"id\":1}";

    private final URI url;
    private final RegistrarLimits limits;
    private final ExecutorService threads =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("kamailio-jsonrpc-", 0).factory());
    private final HttpClient http;

    public KamailioJsonRpcClient(URI url, RegistrarLimits limits) {
        this.url = url;
        this.limits = limits;
        this.http = HttpClient.newBuilder().connectTimeout(limits.timeout()).executor(threads)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String kind() {
        return "kamailio-jsonrpc";
    }

    @Override
    public CompletableFuture<RegistrarDump> dump() {
        CompletableFuture<RegistrarDump> result = CompletableFuture.supplyAsync(() -> {
            try {
                return readOnce();
            } catch (RegistrarException e) {
                throw new java.util.concurrent.CompletionException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.util.concurrent.CompletionException(
                        new RegistrarException(FailureReason.TIMEOUT, "interrupted"));
            }
        }, threads);
        return result.orTimeout(limits.timeout().toMillis() + 500, TimeUnit.MILLISECONDS)
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(unwrap(e)));
    }

    private RegistrarDump readOnce() throws RegistrarException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(limits.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(REQUEST)).build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new RegistrarException(FailureReason.TIMEOUT, "no answer from " + url + " within "
                    + limits.timeout().toMillis() + "ms");
        } catch (ConnectException e) {
            throw new RegistrarException(FailureReason.REFUSED, "cannot connect to " + url + ": " + e.getMessage());
        } catch (IOException e) {
            throw new RegistrarException(FailureReason.UNREACHABLE, "cannot read " + url + ": " + e);
        }
        String body;
        try (InputStream in = response.body()) {
            byte[] bytes = in.readNBytes(limits.maxBytes() + 1);
            if (bytes.length > limits.maxBytes()) {
                throw new RegistrarException(FailureReason.MALFORMED_REPLY, "ul.dump reply of " + url
                        + " is larger than " + limits.maxBytes() + " bytes");
            }
            body = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RegistrarException(FailureReason.UNREACHABLE, "reading the reply of " + url + " failed: " + e);
        }
        if (response.statusCode() != 200) {
            throw new RegistrarException(FailureReason.ERROR_REPLY, "ul.dump at " + url + " answered HTTP "
                    + response.statusCode() + (response.statusCode() == 404 ? " (is jsonrpc_dispatch() called in "
                    + "event_route[xhttp:request] for this path?)" : ""));
        }
        try {
            return KamailioUlDump.parse(body, limits.maxContacts());
        } catch (MalformedRegistrarReply e) {
            throw new RegistrarException(FailureReason.MALFORMED_REPLY, url + ": " + e.getMessage());
        }
    }

    static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof TimeoutException) {
            return new RegistrarException(FailureReason.TIMEOUT, "no complete answer in time");
        }
        return t instanceof RegistrarException ? t
                : new RegistrarException(FailureReason.ERROR_REPLY, "registrar read failed: " + t, t);
    }

    @Override
    public void close() {
        http.shutdownNow();
        threads.shutdownNow();
    }

    @Override
    public String toString() {
        return "kamailio-jsonrpc " + url;
    }
}

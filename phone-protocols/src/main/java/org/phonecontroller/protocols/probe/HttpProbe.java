package org.phonecontroller.protocols.probe;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.phonecontroller.protocols.Endpoint;
import org.phonecontroller.protocols.FailureReason;
import org.phonecontroller.protocols.HealthProbe;
import org.phonecontroller.protocols.ProbeResult;
import org.phonecontroller.protocols.sip.SipRequestBuilder;

/**
 * {@code GET scheme://HOST:PORT/path} with the JDK HttpClient (kind {@code http}): up when the status is accepted
 * (200..399 by default, redirects not followed); another status is {@link FailureReason#ERROR_REPLY}.
 */
public final class HttpProbe implements HealthProbe {

    public static final String KIND = "http";

    private final ProbeSettings settings;
    private final Ticker ticker;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient client;

    /** Over https, trusting what {@link ProbeSettings#trust()} says. */
    public HttpProbe(ProbeSettings settings) {
        this(settings, Ticker.system());
    }

    public HttpProbe(ProbeSettings settings, Ticker ticker) {
        this(settings, ticker, settings.httpScheme().equals("https") ? settings.trust().sslContext() : null);
    }

    /** @param tlsContext the trust of https requests; null for the system's */
    HttpProbe(ProbeSettings settings, Ticker ticker, SSLContext tlsContext) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor);
        if (tlsContext != null) {
            builder.sslContext(tlsContext);
        }
        this.client = builder.build();
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public CompletableFuture<ProbeResult> probe(Endpoint endpoint) {
        String what = "HTTP GET " + settings.httpScheme() + "://" + endpoint.address() + settings.httpPath();
        long started = ticker.nanoTime();
        CompletableFuture<ProbeResult> result;
        try {
            URI uri = URI.create(settings.httpScheme() + "://"
                    + SipRequestBuilder.hostPort(endpoint.address().host(), endpoint.address().port())
                    + settings.httpPath());
            HttpRequest request = HttpRequest.newBuilder(uri).GET().timeout(settings.timeout())
                    .header("User-Agent", settings.userAgent()).build();
            result = client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .handle((response, failure) -> {
                        if (failure != null) {
                            return Failures.down(what, failure);
                        }
                        if (settings.httpAccepts(response.statusCode())) {
                            return new ProbeResult.Up(Duration.ofNanos(ticker.nanoTime() - started));
                        }
                        return new ProbeResult.Down(FailureReason.ERROR_REPLY, what + ": status "
                                + response.statusCode());
                    });
        } catch (RuntimeException e) {
            result = CompletableFuture.completedFuture(Failures.down(what, e));
        }
        long limit = settings.timeout().toMillis() + 100;
        return result.completeOnTimeout(new ProbeResult.Down(FailureReason.TIMEOUT, what + ": no answer within "
                + settings.timeout().toMillis() + " ms"), limit, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}

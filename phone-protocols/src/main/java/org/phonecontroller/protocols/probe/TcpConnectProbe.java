package org.phonecontroller.protocols.probe;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.phonecontroller.protocols.Endpoint;
import org.phonecontroller.protocols.FailureReason;
import org.phonecontroller.protocols.HealthProbe;
import org.phonecontroller.protocols.ProbeResult;

/**
 * Up when a TCP connection to the endpoint's port is accepted within the timeout (kind {@code tcp}); a refused
 * connection is {@link FailureReason#REFUSED}. Says nothing about whether the server's application answers: a
 * hung process whose kernel still accepts connections looks up. Each probe runs on its own virtual thread.
 */
public final class TcpConnectProbe implements HealthProbe {

    public static final String KIND = "tcp";

    private final ProbeSettings settings;
    private final Ticker ticker;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    public TcpConnectProbe(ProbeSettings settings) {
        this(settings, Ticker.system());
    }

    public TcpConnectProbe(ProbeSettings settings, Ticker ticker) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public CompletableFuture<ProbeResult> probe(Endpoint endpoint) {
        var result = new CompletableFuture<ProbeResult>();
        long timeoutMillis = Math.max(1, settings.timeout().toMillis());
        try {
            executor.execute(() -> result.complete(connect(endpoint, (int) Math.min(timeoutMillis,
                    Integer.MAX_VALUE))));
        } catch (RejectedExecutionException e) {
            result.complete(new ProbeResult.Down(FailureReason.UNREACHABLE, "probe closed"));
        }
        // Name resolution is not bounded by the connect timeout: bound the whole probe as well.
        return result.completeOnTimeout(new ProbeResult.Down(FailureReason.TIMEOUT, "TCP connect to "
                + endpoint.address() + " took longer than " + timeoutMillis + " ms"), timeoutMillis + 50,
                TimeUnit.MILLISECONDS);
    }

    private ProbeResult connect(Endpoint endpoint, int timeoutMillis) {
        long started = ticker.nanoTime();
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.address().host(), endpoint.address().port()),
                    timeoutMillis);
            return new ProbeResult.Up(Duration.ofNanos(ticker.nanoTime() - started));
        } catch (IOException | RuntimeException e) {
            return Failures.down("TCP connect to " + endpoint.address(), e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}

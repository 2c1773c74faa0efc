package org.phonecontroller.protocols.http;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Benchmark-only access to what the vendor adapters do with an {@link HttpTransport} (package-private there): the
 * transport side of the HTTP client comparison runs exactly the adapters' send path (remembered challenges, Basic
 * and the hand-written Digest, the bounded body, the timeouts). This class lives in the benchmarks module, in
 * phone-protocols' package, only so that phone-protocols need not open its request and reply values.
 */
public final class HttpTransportAccess {

    private HttpTransportAccess() {
    }

    /** A phone's reply as the benchmark checks it. */
    public record Reply(int status, String body) {
    }

    /**
     * {@code HttpTransport.send} with credentials, as {@code VendorHttpProtocol.call} uses it: a GET, or a POST of
     * {@code jsonBody} when it is not null.
     */
    public static CompletableFuture<Reply> send(HttpTransport transport, InetAddress address, int port,
                                                String pathAndQuery, String jsonBody, HttpCredentials credentials,
                                                String what) {
        PhoneRequest request = jsonBody == null ? PhoneRequest.get(pathAndQuery)
                : PhoneRequest.post(pathAndQuery, "application/json", jsonBody);
        return transport.send(address, port, request, Optional.of(credentials), what)
                .thenApply(r -> new Reply(r.status(), r.body()));
    }

    public static Duration timeout(HttpTransport transport) {
        return transport.timeout();
    }
}

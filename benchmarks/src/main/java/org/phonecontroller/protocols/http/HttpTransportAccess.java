package org.phonecontroller.protocols.http;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Benchmark-only access to what the vendor adapters do with an {@link HttpTransport} (package-private there): the
 * JDK-client side of the HTTP client comparison runs exactly the adapters' send path (remembered challenges, Basic
 * and the hand-written Digest, the bounded body, the timeouts). This class lives in the benchmarks module, in
 * phone-protocols' package, only so that phone-protocols need not change for the benchmark.
 */
public final class HttpTransportAccess {

    private HttpTransportAccess() {
    }

    /** {@code HttpTransport.send} with credentials, as {@code VendorHttpProtocol.call} uses it. */
    public static CompletableFuture<HttpResponse<String>> send(HttpTransport transport, HttpRequest request,
                                                               HttpCredentials credentials, String what) {
        return transport.send(request, Optional.of(credentials), what);
    }

    /** A request builder as {@code VendorHttpProtocol.request} makes it. */
    public static HttpRequest.Builder request(HttpTransport transport, InetAddress address, int port,
                                              String pathAndQuery) {
        URI uri = transport.base(address, port).resolve(pathAndQuery);
        return HttpRequest.newBuilder(uri).timeout(transport.timeout());
    }

    public static Duration timeout(HttpTransport transport) {
        return transport.timeout();
    }
}

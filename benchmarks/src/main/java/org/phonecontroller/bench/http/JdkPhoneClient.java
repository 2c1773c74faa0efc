package org.phonecontroller.bench.http;

import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.phonecontroller.protocols.http.HttpCredentials;
import org.phonecontroller.protocols.http.HttpTransport;
import org.phonecontroller.protocols.http.HttpTransportAccess;
import org.phonecontroller.protocols.http.TlsPolicy;

/**
 * The phone exchange as the adapters do it today: phone-protocols' {@link HttpTransport} (one JDK
 * {@code java.net.http.HttpClient}, HTTP/1.1, async {@code sendAsync} with CompletableFuture chains, the hand-written
 * Digest of {@code DigestAuthorization}, challenges remembered per phone, bodies read by {@code BoundedBody}).
 */
public final class JdkPhoneClient implements PhoneClient {

    private final HttpTransport transport;
    private final HttpCredentials credentials;

    public JdkPhoneClient(Duration timeout) {
        this.transport = HttpTransport.create(new TlsPolicy.PlainHttp(), timeout);
        this.credentials = new HttpCredentials(FakePhoneProcess.USER, FakePhoneProcess.PASSWORD);
    }

    @Override
    public CompletableFuture<Void> exchange(InetSocketAddress phone, Pattern pattern) {
        String what = "phone " + phone.getAddress().getHostAddress();
        Step first = pattern.steps.get(0);
        Step second = pattern.steps.get(1);
        return send(phone, first, what).thenCompose(r -> {
            PhoneClient.expect(what, first, r.statusCode(), r.body());
            return send(phone, second, what);
        }).thenAccept(r -> PhoneClient.expect(what, second, r.statusCode(), r.body()));
    }

    /** As VendorHttpProtocol builds and sends a request. */
    private CompletableFuture<HttpResponse<String>> send(InetSocketAddress phone, Step step, String what) {
        HttpRequest.Builder request = HttpTransportAccess.request(transport, phone.getAddress(), phone.getPort(),
                step.path());
        if (step.body() == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(step.body()));
        }
        return HttpTransportAccess.send(transport, request.build(), credentials, what);
    }

    @Override
    public void close() {
        transport.close();
    }
}

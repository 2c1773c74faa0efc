package org.phonecontroller.bench.http;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.phonecontroller.protocols.http.HttpCredentials;
import org.phonecontroller.protocols.http.HttpTransport;
import org.phonecontroller.protocols.http.HttpTransportAccess;
import org.phonecontroller.protocols.http.TlsPolicy;

/**
 * The phone exchange as the adapters do it: phone-protocols' {@link HttpTransport}, challenges remembered per phone,
 * the hand-written Digest of {@code DigestAuthorization}, bodies read by {@code BoundedBody}. The name (and the
 * benchmark's {@code jdk} label) dates from the comparison of issue #17, when HttpTransport used the JDK
 * {@code java.net.http.HttpClient}; since then it runs on Apache HttpClient 5 async, so {@code jdk} now measures
 * the adapters' own Apache set-up against {@link ApachePhoneClient}'s plain one.
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
            PhoneClient.expect(what, first, r.status(), r.body());
            return send(phone, second, what);
        }).thenAccept(r -> PhoneClient.expect(what, second, r.status(), r.body()));
    }

    /** As VendorHttpProtocol builds and sends a request. */
    private CompletableFuture<HttpTransportAccess.Reply> send(InetSocketAddress phone, Step step, String what) {
        return HttpTransportAccess.send(transport, phone.getAddress(), phone.getPort(), step.path(), step.body(),
                credentials, what);
    }

    @Override
    public void close() {
        transport.close();
    }
}

package org.phonecontroller.bench.http;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.async.methods.SimpleResponseConsumer;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.CredentialsProvider;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.auth.BasicAuthCache;
import org.apache.hc.client5.http.impl.auth.CredentialsProviderBuilder;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The same phone exchange with Apache HttpClient 5 async ({@code CloseableHttpAsyncClient}, HTTP/1.1 only, its
 * built-in Digest via a {@link CredentialsProvider}, an auth cache per phone exchange so the POST answers the
 * challenge the GET received, as {@code HttpTransport} remembers it). The connection pool keeps as many idle
 * connections as the JDK client's ({@code maxIdle}); no redirects; connect and response timeouts as HttpTransport's.
 */
public final class ApachePhoneClient implements PhoneClient {

    private final CloseableHttpAsyncClient client;

    public ApachePhoneClient(Duration timeout, int maxIdle) {
        Timeout t = Timeout.of(timeout);
        PoolingAsyncClientConnectionManager connections = PoolingAsyncClientConnectionManagerBuilder.create()
                .setMaxConnTotal(maxIdle)
                // one connection per phone: the POST waits for the GET's connection, which Apache releases to the pool
                // only after the response callback ran (with 2, the POST would open a second connection)
                .setMaxConnPerRoute(1)
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(t).setSocketTimeout(t)
                        .setTimeToLive(TimeValue.ofSeconds(10)).build())
                .setDefaultTlsConfig(TlsConfig.custom().setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1).build())
                .build();
        CredentialsProvider credentials = CredentialsProviderBuilder.create()
                .add(new AuthScope(null, -1), FakePhoneProcess.USER, FakePhoneProcess.PASSWORD.toCharArray())
                .build();
        this.client = HttpAsyncClients.custom()
                .setConnectionManager(connections)
                .setDefaultCredentialsProvider(credentials)
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(t).setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .build();
        client.start();
    }

    @Override
    public CompletableFuture<Void> exchange(InetSocketAddress phone, Pattern pattern) {
        String what = "phone " + phone.getAddress().getHostAddress();
        HttpHost host = new HttpHost("http", phone.getAddress(), phone.getPort());
        HttpClientContext context = HttpClientContext.create();
        context.setAuthCache(new BasicAuthCache());
        Step first = pattern.steps.get(0);
        Step second = pattern.steps.get(1);
        return execute(request(host, first), context).thenCompose(r -> {
            PhoneClient.expect(what, first, r.getCode(), r.getBodyText());
            return execute(request(host, second), context);
        }).thenAccept(r -> PhoneClient.expect(what, second, r.getCode(), r.getBodyText()));
    }

    private static SimpleHttpRequest request(HttpHost host, Step step) {
        SimpleRequestBuilder builder = step.body() == null ? SimpleRequestBuilder.get()
                : SimpleRequestBuilder.post().setBody(step.body(), ContentType.APPLICATION_JSON);
        return builder.setHttpHost(host).setPath(step.path()).build();
    }

    private CompletableFuture<SimpleHttpResponse> execute(SimpleHttpRequest request, HttpClientContext context) {
        CompletableFuture<SimpleHttpResponse> result = new CompletableFuture<>();
        client.execute(SimpleRequestProducer.create(request), SimpleResponseConsumer.create(), context,
                new FutureCallback<>() {
                    @Override
                    public void completed(SimpleHttpResponse response) {
                        result.complete(response);
                    }

                    @Override
                    public void failed(Exception e) {
                        result.completeExceptionally(e);
                    }

                    @Override
                    public void cancelled() {
                        result.cancel(false);
                    }
                });
        return result;
    }

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
    }
}

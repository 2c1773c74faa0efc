package org.phonecontroller.protocols.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.core5.concurrent.DefaultThreadFactory;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.MalformedChunkCodingException;
import org.apache.hc.core5.http.MessageConstraintException;
import org.apache.hc.core5.http.ParseException;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.ssl.SSLContexts;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.phonecontroller.protocols.FailureReason;
import org.phonecontroller.protocols.PhoneProtocolException;

/**
 * One Apache HttpClient 5 async client for a {@link TlsPolicy}, shared by the HTTP adapters, with HTTP Basic and
 * Digest authentication. A phone's last challenge is remembered per phone and user, so later requests authenticate
 * at once; a 401 is answered once with the fresh challenge (a stale nonce).
 *
 * <p>Authentication is ours ({@link DigestAuthorization}), not Apache's {@code DigestScheme}, although that one
 * knows every algorithm we need (MD5, SHA-256, SHA-512-256 and their -sess forms): SIP's {@link DigestResponder}
 * needs {@link DigestAuthorization} anyway (one Digest in the code base, not two); we choose the strongest of several
 * Digest challenges a phone offers (RFC 7616 3.7), where Apache keeps one challenge per scheme name; and Apache's
 * preemptive reuse needs an {@code AuthCache} in a per-request context keyed by host only, where we remember a
 * challenge per phone <em>and user</em> in one map and count the nonce's uses. So Apache's authentication is off
 * and we set the {@code Authorization} header as before.
 *
 * <p>Connections: HTTP/1.1 only, at most one per phone (its exchanges reuse one kept-alive connection), {@link
 * #MAX_CONNECTIONS} in all, idle ones closed after {@link #KEEP_ALIVE}; no redirects, no cookies and no automatic
 * retries (a repeated POST to a phone is not safe). Replies complete on a virtual thread, never on the client's I/O
 * threads, so whatever a caller chains (parsing, a database write) cannot stall the I/O of other phones.
 *
 * <p>Failures are {@link PhoneProtocolException}s: TIMEOUT, REFUSED, UNREACHABLE, CERTIFICATE_MISMATCH (pinned or
 * first-seen fingerprint differs, or an untrusted certificate), MALFORMED_REPLY (not HTTP, or a body over
 * {@link BoundedBody#LIMIT}), AUTH_FAILED (challenge we cannot answer). HTTP status codes are left to the caller.
 */
public final class HttpTransport implements AutoCloseable {

    /**
     * Connections in all: more than the phones in flight (maxInFlight per range, several ranges at once); when they
     * are all open, a new phone's connection closes the idle one used least recently.
     */
    static final int MAX_CONNECTIONS = 2048;
    /**
     * Each connection's three buffers (in, out, body), in bytes. Apache's default of 32 KiB each made 96 KiB per
     * connection: a 10,000-phone discovery ran the daemon's 192 MB heap out (1,374 open connections held 141 MB).
     * A phone's reply is a few hundred bytes to a few KiB; longer ones are read in more rounds.
     */
    static final int BUFFER_SIZE = 2048;
    /** How long an idle connection to a phone is kept. */
    static final TimeValue KEEP_ALIVE = TimeValue.ofSeconds(10);
    /** I/O reactor threads: the daemon's machine has few cores, and a phone's exchange is little work. */
    static final int IO_THREADS = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));

    private static final AtomicInteger TRANSPORTS = new AtomicInteger();

    private final CloseableHttpAsyncClient client;
    private final String threadNames;
    private final ExecutorService completions;
    private final TlsPolicy policy;
    private final Duration timeout;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Remembered> challenges = new ConcurrentHashMap<>();

    private record Remembered(AuthChallenge challenge, AtomicInteger nonceCount) {
    }

    private HttpTransport(CloseableHttpAsyncClient client, String threadNames, TlsPolicy policy, Duration timeout) {
        this.client = client;
        this.threadNames = threadNames;
        this.policy = policy;
        this.timeout = timeout;
        this.completions = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(threadNames + "-reply")
                .factory());
    }

    /**
     * @param policy  plain HTTP or how to trust HTTPS servers
     * @param timeout connect timeout and response timeout; an exchange gives up after twice this in all
     */
    public static HttpTransport create(TlsPolicy policy, Duration timeout) {
        Objects.requireNonNull(policy, "policy");
        Timeout t = Timeout.of(timeout);
        String threadNames = "phone-http-" + TRANSPORTS.incrementAndGet();
        var connections = PoolingAsyncClientConnectionManagerBuilder.create()
                .setMaxConnTotal(MAX_CONNECTIONS)
                .setMaxConnPerRoute(1)
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(t).build())
                .setDefaultTlsConfig(TlsConfig.custom().setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1)
                        .setHandshakeTimeout(t).build())
                .setTlsStrategy(tlsStrategy(policy))
                .build();
        CloseableHttpAsyncClient client = HttpAsyncClients.custom()
                .setConnectionManager(connections)
                .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(IO_THREADS).build())
                .setHttp1Config(org.apache.hc.core5.http.config.Http1Config.custom().setBufferSize(BUFFER_SIZE)
                        .build())
                .setThreadFactory(new DefaultThreadFactory(threadNames, true))
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(t)
                        .setConnectionRequestTimeout(t)
                        .setConnectionKeepAlive(KEEP_ALIVE)
                        .setRedirectsEnabled(false)
                        .setAuthenticationEnabled(false)
                        .setContentCompressionEnabled(false)
                        .build())
                .evictIdleConnections(KEEP_ALIVE)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .build();
        client.start();
        return new HttpTransport(client, threadNames, policy, timeout);
    }

    /**
     * Pinned and trust-on-first-use trust the certificate's fingerprint, which is the phone's identity: no host
     * name check (phones are reached by address and rarely have a certificate naming it). The system trust store
     * checks the chain and the name, as a browser would.
     */
    private static TlsStrategy tlsStrategy(TlsPolicy policy) {
        return switch (policy) {
            case TlsPolicy.Pinned p -> fingerprintTrust(policy);
            case TlsPolicy.TrustOnFirstUse tofu -> fingerprintTrust(policy);
            case TlsPolicy.SystemTrust s -> ClientTlsStrategyBuilder.create()
                    .setSslContext(SSLContexts.createSystemDefault()).buildAsync();
            case TlsPolicy.PlainHttp plain -> NO_TLS;
        };
    }

    /**
     * Plain HTTP never upgrades a connection, so it builds no TLS context: the JDK's default one loads the system
     * trust store, which cost the daemon's start-up a tenth of a second before its first probe (issue #17).
     */
    private static final TlsStrategy NO_TLS = new TlsStrategy() {
        @Override
        @SuppressWarnings("deprecation") // the one abstract method of TlsStrategy; the other defaults to it
        public boolean upgrade(org.apache.hc.core5.reactor.ssl.TransportSecurityLayer sessionLayer, HttpHost host,
                               java.net.SocketAddress localAddress, java.net.SocketAddress remoteAddress,
                               Object attachment, Timeout handshakeTimeout) {
            throw new IllegalStateException("a plain HTTP transport was asked for TLS to " + host);
        }
    };

    private static TlsStrategy fingerprintTrust(TlsPolicy policy) {
        return ClientTlsStrategyBuilder.create()
                .setSslContext(FingerprintTrustManager.sslContext(policy))
                .setHostVerificationPolicy(HostnameVerificationPolicy.CLIENT)
                .setHostnameVerifier(NoopHostnameVerifier.INSTANCE)
                .buildAsync();
    }

    /** The prefix of this transport's thread names ({@code phone-http-N}: I/O threads, replies, eviction). */
    String threadNames() {
        return threadNames;
    }

    public TlsPolicy policy() {
        return policy;
    }

    Duration timeout() {
        return timeout;
    }

    /**
     * Sends {@code request} to the phone at {@code address:port}, authenticating with {@code credentials} when the
     * phone asks (401).
     *
     * @param what for messages: which phone, what was attempted
     */
    CompletableFuture<PhoneReply> send(InetAddress address, int port, PhoneRequest request,
                                       Optional<HttpCredentials> credentials, String what) {
        HttpHost phone = new HttpHost(policy.scheme(), address, address.getHostAddress(), port);
        String key = phone.toHostString() + "|" + credentials.map(HttpCredentials::user).orElse("");
        PhoneRequest first = credentials.flatMap(c -> authorization(key, request, c))
                .map(h -> request.withHeader("Authorization", h)).orElse(request);
        return exchange(phone, first, what).thenCompose(reply -> {
            if (reply.status() != 401 || credentials.isEmpty()) {
                return CompletableFuture.completedFuture(reply);
            }
            Optional<AuthChallenge> challenge = best(reply.challenges());
            if (challenge.isEmpty()) {
                return CompletableFuture.completedFuture(reply);
            }
            challenges.put(key, new Remembered(challenge.get(), new AtomicInteger()));
            Optional<String> header = authorization(key, request, credentials.get());
            if (header.isEmpty()) {
                return CompletableFuture.failedFuture(new PhoneProtocolException(FailureReason.AUTH_FAILED,
                        what + ": cannot answer the phone's challenge '" + challenge.get().scheme() + " "
                                + challenge.get().params().getOrDefault("algorithm", "") + "'"));
            }
            return exchange(phone, request.withHeader("Authorization", header.get()), what);
        });
    }

    private CompletableFuture<PhoneReply> exchange(HttpHost phone, PhoneRequest request, String what) {
        SimpleRequestBuilder builder = SimpleRequestBuilder.create(request.method()).setHttpHost(phone)
                .setPath(request.pathAndQuery());
        request.headers().forEach(builder::addHeader);
        request.body().ifPresent(body -> builder.setBody(body.getBytes(StandardCharsets.UTF_8),
                ContentType.parse(request.contentType().orElse("text/plain; charset=UTF-8"))));
        CompletableFuture<PhoneReply> reply = new CompletableFuture<>();
        Future<PhoneReply> running;
        try {
            running = client.execute(SimpleRequestProducer.create(builder.build()), new PhoneReplyConsumer(), null,
                    completing(reply));
        } catch (RuntimeException e) { // e.g. the transport is closed
            return CompletableFuture.failedFuture(failure(e, what));
        }
        return reply.orTimeout(timeout.toMillis() * 2, TimeUnit.MILLISECONDS)
                .exceptionallyCompose(e -> {
                    if (e instanceof TimeoutException) {
                        running.cancel(true); // our guard fired first: abort the exchange, close its connection
                    }
                    return CompletableFuture.failedFuture(failure(e, what));
                });
    }

    private FutureCallback<PhoneReply> completing(CompletableFuture<PhoneReply> reply) {
        return new FutureCallback<>() {
            @Override
            public void completed(PhoneReply result) {
                completeOffTheReactor(() -> reply.complete(result));
            }

            @Override
            public void failed(Exception e) {
                completeOffTheReactor(() -> reply.completeExceptionally(e));
            }

            @Override
            public void cancelled() {
                completeOffTheReactor(() -> reply.cancel(false));
            }
        };
    }

    /** Callers' chained work runs on a virtual thread, not on the I/O reactor (or here, once closed). */
    private void completeOffTheReactor(Runnable completion) {
        try {
            completions.execute(completion);
        } catch (RejectedExecutionException closed) {
            completion.run();
        }
    }

    private Optional<String> authorization(String key, PhoneRequest request, HttpCredentials credentials) {
        Remembered remembered = challenges.get(key);
        if (remembered == null) {
            return Optional.empty();
        }
        AuthChallenge challenge = remembered.challenge();
        if (challenge.scheme().equals("basic")) {
            return Optional.of("Basic " + Base64.getEncoder().encodeToString((credentials.user() + ":"
                    + credentials.password()).getBytes(StandardCharsets.UTF_8)));
        }
        byte[] cnonce = new byte[16];
        random.nextBytes(cnonce);
        try {
            return Optional.of(DigestAuthorization.header(challenge, credentials, request.method(),
                    request.pathAndQuery(), remembered.nonceCount().incrementAndGet(),
                    HexFormat.of().formatHex(cnonce)));
        } catch (DigestAuthorization.UnsupportedChallengeException e) {
            challenges.remove(key);
            return Optional.empty();
        }
    }

    /** Digest before Basic; among Digest challenges the strongest algorithm we support. */
    static Optional<AuthChallenge> best(List<String> headers) {
        return headers.stream().flatMap(h -> AuthChallenge.parse(h).stream())
                .filter(c -> c.scheme().equals("digest") || c.scheme().equals("basic"))
                .max(Comparator.comparingInt(HttpTransport::strength));
    }

    private static int strength(AuthChallenge c) {
        if (c.scheme().equals("basic")) {
            return 1;
        }
        String alg = c.param("algorithm").orElse("MD5").toUpperCase(java.util.Locale.ROOT).replace("-SESS", "");
        return switch (alg) {
            case "SHA-512-256" -> 5;
            case "SHA-256" -> 4;
            case "MD5" -> 3;
            default -> 0;
        };
    }

    static PhoneProtocolException failure(Throwable e, String what) {
        Throwable t = e;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof PhoneProtocolException p) {
            return p;
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof CertificateException) {
                return new PhoneProtocolException(FailureReason.CERTIFICATE_MISMATCH, what + ": " + c.getMessage(), t);
            }
        }
        // ConnectTimeoutException, SocketTimeoutException (response), ConnectionRequestTimeoutException (pool)
        if (t instanceof InterruptedIOException || t instanceof TimeoutException) {
            return new PhoneProtocolException(FailureReason.TIMEOUT, what + ": no answer in time", t);
        }
        if (t instanceof ConnectException) {
            return new PhoneProtocolException(FailureReason.REFUSED, what + ": connection refused", t);
        }
        if (t instanceof SSLException) {
            return new PhoneProtocolException(FailureReason.CERTIFICATE_MISMATCH, what + ": TLS failed: "
                    + t.getMessage(), t);
        }
        if (t instanceof BoundedBody.TooLargeException || t instanceof MalformedChunkCodingException
                || t instanceof MessageConstraintException
                || t instanceof HttpException || t instanceof ParseException) {
            return new PhoneProtocolException(FailureReason.MALFORMED_REPLY, what + ": not a valid HTTP reply: "
                    + t.getMessage(), t);
        }
        if (t instanceof IOException) {
            return new PhoneProtocolException(FailureReason.UNREACHABLE, what + ": " + t.getMessage(), t);
        }
        return new PhoneProtocolException(FailureReason.MALFORMED_REPLY, what + ": " + t, t);
    }

    /** Closes the phones' connections and stops the client's threads; exchanges still running fail. */
    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
        completions.shutdown();
    }

    @Override
    public String toString() {
        return "HttpTransport(" + policy.getClass().getSimpleName() + ")";
    }
}

package org.phonecontroller.protocols.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
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
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import org.phonecontroller.protocols.FailureReason;
import org.phonecontroller.protocols.PhoneProtocolException;

/**
 * One JDK {@link HttpClient} for a {@link TlsPolicy}, shared by the HTTP adapters, with HTTP Basic and Digest
 * authentication (the JDK client has no Digest). A phone's last challenge is remembered, so later requests
 * authenticate at once; a 401 is answered once with the fresh challenge.
 *
 * <p>Failures are {@link PhoneProtocolException}s: TIMEOUT, REFUSED, UNREACHABLE, CERTIFICATE_MISMATCH (pinned or
 * first-seen fingerprint differs, or an untrusted certificate), AUTH_FAILED (challenge we cannot answer). HTTP
 * status codes are left to the caller.
 */
public final class HttpTransport implements AutoCloseable {

    /*
     * The JDK client keeps idle HTTP/1.1 connections without limit (30 s by default): after touching 10,000 phones
     * that is 10,000 open sockets against a hard limit of 20,000 descriptors. Unless the operator chose otherwise,
     * keep at most 1,024 idle connections per client ({@link #CLIENTS} of them) for 10 s (JVM-wide properties, read
     * when the JDK client first loads). The pool must hold more than the phones in flight (maxInFlight per range, several ranges at once): with 256, a
     * phone's connection was closed between its call-state read and its push by the other phones' connections, and
     * every exchange paid a new TCP connection and a new challenge (the JMH HTTP client bench counted 2 connections
     * per phone with 32 phones in flight).
     */
    static {
        if (System.getProperty("jdk.httpclient.connectionPoolSize") == null) {
            System.setProperty("jdk.httpclient.connectionPoolSize", "1024");
        }
        if (System.getProperty("jdk.httpclient.keepalive.timeout") == null) {
            System.setProperty("jdk.httpclient.keepalive.timeout", "10");
        }
        // A phone's replies are a few hundred bytes to a few KiB; the client's default read buffer of 16 KiB per
        // read was a seventh of the daemon's allocation during a failover (longer replies are read in more rounds).
        if (System.getProperty("jdk.httpclient.bufsize") == null) {
            System.setProperty("jdk.httpclient.bufsize", "4096");
        }
    }

    /**
     * A few JDK clients, a phone always on the same one (by address): each client has one selector thread and one
     * timer queue under one lock, and with a thousand phones in flight those were contended (JFR: registerTimer and
     * cancelTimer waited 30-150 ms each during a 10,000-phone failover).
     */
    private final HttpClient[] clients;
    private final TlsPolicy policy;
    private final Duration timeout;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Remembered> challenges = new ConcurrentHashMap<>();

    private record Remembered(AuthChallenge challenge, AtomicInteger nonceCount) {
    }

    /** How many JDK clients share the phones. */
    static final int CLIENTS = 4;

    private HttpTransport(HttpClient[] clients, TlsPolicy policy, Duration timeout) {
        this.clients = clients;
        this.policy = policy;
        this.timeout = timeout;
    }

    /**
     * @param policy  plain HTTP or how to trust HTTPS servers
     * @param timeout connect timeout and per-request timeout (headers and body)
     */
    public static HttpTransport create(TlsPolicy policy, Duration timeout) {
        Objects.requireNonNull(policy, "policy");
        HttpClient[] clients = new HttpClient[CLIENTS];
        for (int i = 0; i < clients.length; i++) {
            HttpClient.Builder builder = HttpClient.newBuilder()
                    .connectTimeout(timeout)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .version(HttpClient.Version.HTTP_1_1);
            if (policy instanceof TlsPolicy.Pinned || policy instanceof TlsPolicy.TrustOnFirstUse) {
                builder.sslContext(FingerprintTrustManager.sslContext(policy));
            }
            clients[i] = builder.build();
        }
        return new HttpTransport(clients, policy, timeout);
    }

    public TlsPolicy policy() {
        return policy;
    }

    Duration timeout() {
        return timeout;
    }

    /** {@code scheme://host:port} for a phone. */
    URI base(java.net.InetAddress address, int port) {
        String host = address.getHostAddress();
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        return URI.create(policy.scheme() + "://" + host + ":" + port);
    }

    /**
     * Sends {@code request}, authenticating with {@code credentials} when the phone asks (401).
     *
     * @param what for messages: which phone, what was attempted
     */
    CompletableFuture<HttpResponse<String>> send(HttpRequest request, Optional<HttpCredentials> credentials,
                                                 String what) {
        String key = request.uri().getRawAuthority() + "|" + credentials.map(HttpCredentials::user).orElse("");
        HttpRequest first = credentials.flatMap(c -> authorization(key, request, c))
                .map(h -> withAuthorization(request, h)).orElse(request);
        return exchange(first, what).thenCompose(response -> {
            if (response.statusCode() != 401 || credentials.isEmpty()) {
                return CompletableFuture.completedFuture(response);
            }
            Optional<AuthChallenge> challenge = best(response.headers().allValues("WWW-Authenticate"));
            if (challenge.isEmpty()) {
                return CompletableFuture.completedFuture(response);
            }
            challenges.put(key, new Remembered(challenge.get(), new AtomicInteger()));
            Optional<String> header = authorization(key, request, credentials.get());
            if (header.isEmpty()) {
                return CompletableFuture.failedFuture(new PhoneProtocolException(FailureReason.AUTH_FAILED,
                        what + ": cannot answer the phone's challenge '" + challenge.get().scheme() + " "
                                + challenge.get().params().getOrDefault("algorithm", "") + "'"));
            }
            return exchange(withAuthorization(request, header.get()), what);
        });
    }

    private CompletableFuture<HttpResponse<String>> exchange(HttpRequest request, String what) {
        HttpClient client = clients[Math.floorMod(request.uri().getHost().hashCode(), clients.length)];
        return client.sendAsync(request, BoundedBody.handler())
                .orTimeout(timeout.toMillis() * 2, java.util.concurrent.TimeUnit.MILLISECONDS)
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(failure(e, what)));
    }

    private Optional<String> authorization(String key, HttpRequest request, HttpCredentials credentials) {
        Remembered remembered = challenges.get(key);
        if (remembered == null) {
            return Optional.empty();
        }
        AuthChallenge challenge = remembered.challenge();
        if (challenge.scheme().equals("basic")) {
            return Optional.of("Basic " + Base64.getEncoder().encodeToString((credentials.user() + ":"
                    + credentials.password()).getBytes(StandardCharsets.UTF_8)));
        }
        String uri = request.uri().getRawPath() + (request.uri().getRawQuery() == null ? ""
                : "?" + request.uri().getRawQuery());
        byte[] cnonce = new byte[16];
        random.nextBytes(cnonce);
        try {
            return Optional.of(DigestAuthorization.header(challenge, credentials, request.method(), uri,
                    remembered.nonceCount().incrementAndGet(), HexFormat.of().formatHex(cnonce)));
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

    private static HttpRequest withAuthorization(HttpRequest request, String header) {
        return HttpRequest.newBuilder(request, (name, value) -> !name.equalsIgnoreCase("Authorization"))
                .header("Authorization", header).build();
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
        if (t instanceof HttpTimeoutException || t instanceof TimeoutException) {
            return new PhoneProtocolException(FailureReason.TIMEOUT, what + ": no answer in time", t);
        }
        if (t instanceof ConnectException) {
            return new PhoneProtocolException(FailureReason.REFUSED, what + ": connection refused", t);
        }
        if (t instanceof SSLException) {
            return new PhoneProtocolException(FailureReason.CERTIFICATE_MISMATCH, what + ": TLS failed: "
                    + t.getMessage(), t);
        }
        if (t instanceof IOException) {
            return new PhoneProtocolException(FailureReason.UNREACHABLE, what + ": " + t.getMessage(), t);
        }
        return new PhoneProtocolException(FailureReason.MALFORMED_REPLY, what + ": " + t, t);
    }

    @Override
    public void close() {
        for (HttpClient client : clients) {
            client.close();
        }
    }

    @Override
    public String toString() {
        return "HttpTransport(" + policy.getClass().getSimpleName() + ")";
    }
}

package org.phonecontroller.bench.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Many fake HTTP desk phones on consecutive loopback addresses, one Jetty 12 connector per address on one shared
 * port, run as a process of its own so that its CPU and allocation stay out of the benchmark JVM's figures
 * ({@link FakePhoneProcess} starts it).
 *
 * <p>Each address answers the phone web APIs the adapters use, protected by HTTP Digest (MD5, qop=auth):
 * Poly's REST API ({@code GET /api/v1/webCallControl/callStatus}, {@code POST /api/v1/mgmt/config/set|get},
 * UC Software REST API reference) and Snom's settings ({@code GET /settings.htm} text dump,
 * {@code GET /dummy.htm?settings=save&user_host1=...}). Each phone has one nonce at a time; a new connection to a
 * phone whose nonce was issued more than {@code COUNT / 2} connections (to any phone) ago gets a new one, so a
 * client that visits the phones in turn starts every phone exchange with a challenge ({@code 401 stale=true} when it
 * sent the old nonce), as the phones of a failover, last talked to at discovery, do; a client that reconnects in the
 * middle of an exchange is not punished for it. {@code GET /stats} (no credentials) counts requests, 401s and
 * connections.
 *
 * <p>Usage: {@code FakePhoneServer FIRST_ADDRESS COUNT USER PASSWORD}; prints {@code READY <port>} and serves until
 * its standard input closes (the benchmark JVM ended) or an hour passed.
 */
public final class FakePhoneServer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SEEN = "fake-phone.seen";
    private static final long MAX_LIFETIME_MS = 3_600_000;

    private final DigestCheck digest;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Map<String, String>> settings = new ConcurrentHashMap<>();
    private final LongAdder requests = new LongAdder();
    private final LongAdder challenges = new LongAdder();
    private final LongAdder stale = new LongAdder();
    private final LongAdder connections = new LongAdder();
    private final java.util.concurrent.atomic.AtomicLong newConnections = new java.util.concurrent.atomic.AtomicLong();
    private final Map<String, Nonce> nonces = new ConcurrentHashMap<>();
    private final long rotateAfter;

    /** A phone's current nonce, and the count of connections (to all phones) when it was issued. */
    private record Nonce(String value, long issuedAt) {
    }

    private FakePhoneServer(String user, String password, int phones) {
        this.digest = new DigestCheck(DigestCheck.REALM, user, password);
        this.rotateAfter = Math.max(1, phones / 2);
    }

    private String newNonce() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: FakePhoneServer FIRST_ADDRESS COUNT USER PASSWORD");
            System.exit(2);
        }
        List<String> addresses = LoopbackAddresses.from(args[0], Integer.parseInt(args[1]));
        var fake = new FakePhoneServer(args[2], args[3], addresses.size());
        Server server = fake.start(addresses);
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        System.out.println("READY " + port);
        System.out.flush();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                Thread.sleep(MAX_LIFETIME_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.exit(3);
        });
        try (InputStream in = System.in) {
            while (in.read() >= 0) {
                // the benchmark JVM holds our standard input open while it needs us
            }
        }
        server.stop();
        System.exit(0);
    }

    /** Binds every address on one port (picked by the system for the first, retried when another is taken). */
    private Server start(List<String> addresses) throws Exception {
        for (int attempt = 1; ; attempt++) {
            QueuedThreadPool threads = new QueuedThreadPool(addresses.size() + 64, 8);
            threads.setName("fake-phone");
            Server server = new Server(threads);
            server.setHandler(new Handler.Abstract() {
                @Override
                public boolean handle(Request request, Response response, Callback callback) throws Exception {
                    return serve(request, response, callback);
                }
            });
            List<ServerConnector> connectors = new ArrayList<>();
            try {
                int port = 0;
                for (String address : addresses) {
                    // no acceptor thread: the connector's one selector accepts
                    ServerConnector connector = new ServerConnector(server, 0, 1);
                    connector.setHost(address);
                    connector.setPort(port);
                    connector.setAcceptQueueSize(1024);
                    connector.open();
                    connectors.add(connector);
                    server.addConnector(connector);
                    port = connector.getLocalPort();
                }
                server.start();
                return server;
            } catch (IOException e) {
                for (ServerConnector c : connectors) {
                    c.close();
                }
                if (!(e instanceof BindException || e.getCause() instanceof BindException) || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private boolean serve(Request request, Response response, Callback callback) throws IOException {
        String path = request.getHttpURI().getPath();
        if (path.equals("/stats")) {
            reply(response, callback, 200, "text/plain", "requests=" + requests.sum() + " challenges="
                    + challenges.sum() + " stale=" + stale.sum() + " connections=" + connections.sum() + "\n");
            return true;
        }
        requests.increment();
        String phoneAddress = Request.getLocalAddr(request);
        var connection = request.getConnectionMetaData();
        if (connection.getAttribute(SEEN) == null) {
            connection.setAttribute(SEEN, Boolean.TRUE);
            long count = newConnections.incrementAndGet();
            connections.increment();
            nonces.compute(phoneAddress, (a, current) -> current == null || count - current.issuedAt() > rotateAfter
                    ? new Nonce(newNonce(), count) : current);
        }
        String nonce = nonces.get(phoneAddress).value();
        String body = Content.Source.asString(request, StandardCharsets.UTF_8);
        DigestCheck.Verdict verdict = digest.check(request.getHeaders().get(HttpHeader.AUTHORIZATION),
                request.getMethod(), request.getHttpURI().getPathQuery(), nonce);
        if (verdict != DigestCheck.Verdict.ACCEPTED) {
            challenges.increment();
            if (verdict == DigestCheck.Verdict.STALE_NONCE) {
                stale.increment();
            }
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE,
                    digest.challenge(nonce, verdict == DigestCheck.Verdict.STALE_NONCE));
            reply(response, callback, 401, "text/html", "<html><body><h1>401 Unauthorized</h1></body></html>");
            return true;
        }
        Map<String, String> phone = settings.computeIfAbsent(phoneAddress, a -> initialSettings());
        switch (path) {
            case "/api/v1/webCallControl/callStatus" -> reply(response, callback, 200, "application/json",
                    "{\"Status\":\"4007\"}");
            case "/api/v1/mgmt/config/set" -> {
                JSON.readTree(body).path("data").properties().forEach(e -> phone.put(e.getKey(),
                        e.getValue().asText()));
                reply(response, callback, 200, "application/json", "{\"Status\":\"2000\"}");
            }
            case "/api/v1/mgmt/config/get" -> {
                Map<String, String> data = new LinkedHashMap<>();
                for (JsonNode key : JSON.readTree(body).path("data")) {
                    data.put(key.asText(), phone.getOrDefault(key.asText(), ""));
                }
                reply(response, callback, 200, "application/json",
                        JSON.writeValueAsString(Map.of("Status", "2000", "data", data)));
            }
            case "/settings.htm" -> reply(response, callback, 200, "text/plain",
                    "phone_type!: snomD785\nfirmware_version!: 10.1.159.12\nmac_address!: 000413AABBCC\n"
                            + "user_host1!: " + phone.get("user_host1") + "\n");
            case "/dummy.htm" -> {
                Map<String, String> query = query(request.getHttpURI().getQuery());
                if ("save".equals(query.get("settings"))) {
                    query.forEach((k, v) -> {
                        if (k.startsWith("user_host")) {
                            phone.put(k, v);
                        }
                    });
                }
                reply(response, callback, 200, "text/html", "<html><body>saved</body></html>");
            }
            default -> reply(response, callback, 404, "application/json", "{\"Status\":\"4004\"}");
        }
        return true;
    }

    private static Map<String, String> initialSettings() {
        Map<String, String> s = new ConcurrentHashMap<>();
        s.put("reg.1.server.1.address", "127.0.0.10");
        s.put("reg.1.server.1.port", "5060");
        s.put("reg.1.server.2.address", "");
        s.put("reg.1.server.2.port", "");
        s.put("user_host1", "127.0.0.10:5060");
        return s;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static void reply(Response response, Callback callback, int status, String type, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type + "; charset=utf-8");
        Content.Sink.write(response, true, body, callback);
    }
}

package org.phonecontroller.daemon.provisioning;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.Executors;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.phonecontroller.config.AdminSettings;
import org.phonecontroller.config.ProvisioningSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The phones' provisioning server: embedded Jetty 12 (HTTP, or HTTPS with {@code provisioning.tls}), one virtual
 * thread per request. Jetty because thousands of phones fetch at once right after a failover's triggers: its
 * selector-based connectors and bounded queues hold that load where the JDK's {@code HttpServer} (the admin API's,
 * for one admin at a time) queues connections on one dispatcher thread; it also rejects ambiguous URIs (encoded
 * {@code /}, {@code ..} segments) before any handler sees them. Answers come from {@link ProvisioningRequests}; the
 * log has one line per refused request (client, file, status, reason), served files only at DEBUG and never their
 * content.
 */
public final class ProvisioningServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProvisioningServer.class);

    private final Server server;
    private final ServerConnector connector;

    private ProvisioningServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /**
     * Binds and starts.
     *
     * @throws IllegalStateException when the address cannot be bound or the key store cannot be read
     */
    public static ProvisioningServer start(ProvisioningSettings settings, ProvisioningRequests requests) {
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("provisioning-http");
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector;
        if (settings.tls().isPresent()) {
            http.addCustomizer(new SecureRequestCustomizer(false));
            connector = new ServerConnector(server, new SslConnectionFactory(sslContext(settings.tls().get()),
                    "http/1.1"), new HttpConnectionFactory(http));
        } else {
            connector = new ServerConnector(server, new HttpConnectionFactory(http));
        }
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        connector.setAcceptQueueSize(4096);
        connector.setIdleTimeout(30_000);
        server.addConnector(connector);
        server.setHandler(new FileHandler(requests));
        server.setStopTimeout(2_000);
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // already failing
            }
            throw new IllegalStateException("cannot start the provisioning server on " + settings.listen() + ": "
                    + e.getMessage(), e);
        }
        log.info("Provisioning server listening on {}://{}", settings.tls().isPresent() ? "https" : "http",
                settings.host() + ":" + connector.getLocalPort());
        return new ProvisioningServer(server, connector);
    }

    private static SslContextFactory.Server sslContext(AdminSettings.Tls tls) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(tls.keyStore().toString());
        try {
            ssl.setKeyStorePassword(Files.readString(tls.passwordFile(), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read provisioning.tls.passwordFile " + tls.passwordFile(), e);
        }
        return ssl;
    }

    /** The bound port (the configured one, or the one chosen for port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            log.warn("Provisioning server did not stop cleanly: {}", e.toString());
        }
    }

    /** The one handler: every request is a file request. */
    private static final class FileHandler extends Handler.Abstract {
        private final ProvisioningRequests requests;

        FileHandler(ProvisioningRequests requests) {
            this.requests = requests;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            InetAddress client = clientOf(request.getConnectionMetaData().getRemoteSocketAddress());
            String path = request.getHttpURI().getPath();
            String userAgent = request.getHeaders().get(HttpHeader.USER_AGENT);
            ProvisioningRequests.Answer answer = client == null
                    ? ProvisioningRequests.Answer.error(403, "unknown client address")
                    : requests.answer(client, request.getMethod(), path == null ? "" : path, userAgent);
            String shownPath = path == null ? "" : path.length() > 120 ? path.substring(0, 120) + "..." : path;
            if (answer.status() == 200 || answer.status() == 404) {
                log.debug("{} {} {} -> {} {} bytes: {}", client == null ? "?" : client.getHostAddress(),
                        request.getMethod(), shownPath, answer.status(), answer.body().length, answer.reason());
            } else {
                log.info("Provisioning request from {}: {} {} -> {} ({})", client == null ? "?"
                        : client.getHostAddress(), request.getMethod(), shownPath.replaceAll("[^\\x20-\\x7e]", "?"),
                        answer.status(), answer.reason());
            }
            response.setStatus(answer.status());
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.body().length);
            if (request.getMethod().equals("HEAD")) {
                response.write(true, ByteBuffer.allocate(0), callback);
            } else {
                response.write(true, ByteBuffer.wrap(answer.body()), callback);
            }
            return true;
        }

        private static InetAddress clientOf(SocketAddress address) {
            return address instanceof InetSocketAddress inet ? inet.getAddress() : null;
        }
    }
}

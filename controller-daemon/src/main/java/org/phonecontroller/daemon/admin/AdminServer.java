package org.phonecontroller.daemon.admin;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API: HTTP + JSON over the JDK's HTTP server, one virtual thread per request, every request
 * authenticated with the bearer token of {@link AdminToken}. Binds loopback unless the settings explicitly allow a
 * remote address, and then only with TLS. Routes: see {@code docs/admin-api.md}.
 */
public final class AdminServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
    private static final Duration FOLLOW_POLL = Duration.ofMillis(250);

    private final HttpServer server;
    private final ExecutorService executor;
    private final AdminRoutes routes;

    private AdminServer(HttpServer server, ExecutorService executor, AdminRoutes routes) {
        this.server = server;
        this.executor = executor;
        this.routes = routes;
    }

    /**
     * Creates (or reads) the token file and starts listening.
     *
     * @throws AdminServerRefused when the settings bind a remote address without permission or TLS, the port is
     *                            taken, or the token file cannot be made
     */
    public static AdminServer start(AdminServerSettings settings, AdminOperations operations, ControllerMetrics metrics,
                                    SecureRandom random) {
        Objects.requireNonNull(operations, "operations");
        Objects.requireNonNull(metrics, "metrics");
        InetSocketAddress listen = resolved(settings.listen());
        checkExposure(listen, settings);
        AdminToken token;
        try {
            token = AdminToken.loadOrCreate(settings.tokenFile(), random);
        } catch (RuntimeException e) {
            throw new AdminServerRefused(e.getMessage(), e);
        }
        HttpServer server = bind(listen, settings.tls());
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        AdminRoutes routes = new AdminRoutes(operations, metrics, token, FOLLOW_POLL);
        server.createContext("/", routes);
        server.setExecutor(executor);
        server.start();
        log.info("Admin API listening on {}://{}:{} (token file {})", settings.tls() == null ? "http" : "https",
                server.getAddress().getHostString(), server.getAddress().getPort(), settings.tokenFile());
        return new AdminServer(server, executor, routes);
    }

    /** The bound address (with the real port when the settings asked for port 0). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Stops accepting requests, ends open event streams and waits at most a second for running requests. */
    @Override
    public void close() {
        routes.stopFollowing();
        server.stop(1);
        executor.shutdownNow();
        log.info("Admin API stopped");
    }

    private static InetSocketAddress resolved(InetSocketAddress listen) {
        if (!listen.isUnresolved()) {
            return listen;
        }
        InetSocketAddress again = new InetSocketAddress(listen.getHostString(), listen.getPort());
        if (again.isUnresolved()) {
            throw new AdminServerRefused("admin.listen: the host '" + listen.getHostString()
                    + "' does not resolve. Use an IP address, e.g. 127.0.0.1:" + AdminServerSettings.DEFAULT_PORT + ".");
        }
        return again;
    }

    private static void checkExposure(InetSocketAddress listen, AdminServerSettings settings) {
        if (listen.getAddress().isLoopbackAddress()) {
            return;
        }
        String where = listen.getAddress().getHostAddress() + ":" + listen.getPort();
        if (!settings.allowRemote()) {
            throw new AdminServerRefused("admin.listen " + where + " is not a loopback address, and the admin API"
                    + " binds loopback only. Listen on 127.0.0.1, or set admin.allowRemote: true together with"
                    + " admin.tls (a key store) to expose it on the network.");
        }
        if (settings.tls() == null) {
            throw new AdminServerRefused("admin.listen " + where + " is a network address and admin.allowRemote is"
                    + " true, but admin.tls is missing: the token must not cross the network in clear text."
                    + " Add admin.tls.keyStore and admin.tls.password, or listen on 127.0.0.1.");
        }
    }

    private static HttpServer bind(InetSocketAddress listen, AdminServerSettings.Tls tls) {
        try {
            if (tls == null) {
                return HttpServer.create(listen, 0);
            }
            HttpsServer https = HttpsServer.create(listen, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(sslContext(tls)));
            return https;
        } catch (IOException e) {
            throw new AdminServerRefused("cannot listen on " + listen.getAddress().getHostAddress() + ":"
                    + listen.getPort() + " (" + e.getMessage() + "). Is another daemon already running"
                    + " (phonectl status)? Otherwise choose a free port in admin.listen.", e);
        }
    }

    private static SSLContext sslContext(AdminServerSettings.Tls tls) {
        try {
            char[] password = tls.password().toCharArray();
            KeyStore store = KeyStore.getInstance(tls.keyStore().toFile(), password);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new AdminServerRefused("cannot load the admin TLS key store " + tls.keyStore() + " ("
                    + e.getMessage() + "). Check admin.tls.keyStore and admin.tls.password.", e);
        }
    }
}

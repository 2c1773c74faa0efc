package org.phonecontroller.daemon.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * A webhook receiver on a loopback address: the JDK's own HTTP server, answering every POST with a fixed status, or
 * never answering ({@link #hanging}) until closed. Records bodies and Authorization headers.
 */
final class WebhookServer implements AutoCloseable {
    private final HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);

    private WebhookServer(String host, int status, boolean hang) {
        try {
            server = HttpServer.create(new InetSocketAddress(host, 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            bodies.add(body);
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            if (hang) {
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    static WebhookServer answering(String host, int status) {
        return new WebhookServer(host, status, false);
    }

    static WebhookServer hanging(String host) {
        return new WebhookServer(host, 200, true);
    }

    URI url() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort()
                + "/hook");
    }

    List<String> bodies() {
        return bodies;
    }

    List<String> authorizations() {
        return authorizations;
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}

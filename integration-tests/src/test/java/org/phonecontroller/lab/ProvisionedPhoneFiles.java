package org.phonecontroller.lab;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A static provisioning server for lab tests (JDK HttpServer): serves the files put into it under {@code /prov/},
 * 404 otherwise, and records every request's path, User-Agent and source address.
 */
final class ProvisionedPhoneFiles implements AutoCloseable {
    /** One request as the server saw it. */
    record Request(String path, String userAgent, String source) {
    }

    private final Map<String, String> files = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    ProvisionedPhoneFiles(String host) {
        try {
            server = HttpServer.create(new InetSocketAddress(host, 0), 256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.add(new Request(path, exchange.getRequestHeaders().getFirst("User-Agent"),
                    exchange.getRemoteAddress().getAddress().getHostAddress()));
            String file = path.startsWith("/prov/") ? files.get(path.substring("/prov/".length())) : null;
            byte[] body = file == null ? new byte[0] : file.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(file == null ? 404 : 200, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    /** The base URL phones are configured with. */
    String url() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort()
                + "/prov/";
    }

    void put(String name, String content) {
        files.put(name, content);
    }

    List<Request> requestsFrom(String source) {
        return requests.stream().filter(r -> r.source().equals(source)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

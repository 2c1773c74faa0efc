package org.phonecontroller.lab.internal.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.phonecontroller.lab.AddressList;
import org.phonecontroller.lab.Vendor;
import org.phonecontroller.lab.internal.SimulatedPhone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web APIs of all HTTP phones: ONE wildcard TCP listener on the HTTP port (one fd, not one per phone); the
 * local address of each accepted connection says which phone was called. Connections to an address that is not a
 * lab HTTP phone are closed without a reply. Requests run on virtual threads, so a phone's reply delay costs no
 * platform thread.
 */
public final class VendorHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VendorHttpServer.class);
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<Integer, SimulatedPhone> phones;
    private final Map<Vendor, VendorApi> apis = Map.of(Vendor.POLYCOM_REST, new PolycomApi(), Vendor.SNOM,
            new SnomApi(), Vendor.GRANDSTREAM, new GrandstreamApi());

    public VendorHttpServer(Map<Integer, SimulatedPhone> httpPhones, int port) {
        this.phones = httpPhones;
        try {
            server = HttpServer.create(new InetSocketAddress(port), 1024);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for the phones' HTTP APIs on port " + port, e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    public void start() {
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            InetSocketAddress local = exchange.getLocalAddress();
            SimulatedPhone phone = local.getAddress() instanceof Inet4Address v4
                    ? phones.get(AddressList.toInt(v4)) : null;
            if (phone == null || phone.dropsRequest()) {
                return; // not a lab HTTP phone (or a phone ignoring us): the connection closes without a reply
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(64 * 1024);
            }
            var delay = phone.misbehaviour().replyDelay();
            if (delay.isPositive()) {
                try {
                    Thread.sleep(delay); // a virtual thread: the slowness costs nothing but time
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (phone.garblesReply()) {
                Responses.send(exchange, 200, "application/json", "{\"Status\":\"20");
                return;
            }
            exchange.getResponseHeaders().set("Server", phone.vendor().userAgent());
            apis.get(phone.vendor()).handle(exchange, phone, body);
        } catch (IOException | RuntimeException e) {
            LOG.debug("HTTP request {} {} failed: {}", exchange.getRequestMethod(), exchange.getRequestURI(),
                    e.toString());
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

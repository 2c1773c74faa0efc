package org.phonecontroller.lab.internal.provisioning;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The phones' provisioning HTTP client: a GET sent <em>from the phone's own address</em> (a provisioning server
 * tells phones apart by source address, as the controller's does), with the vendor's User-Agent and
 * {@code Connection: close}. Each fetch runs on a virtual thread, so a fetch storm of thousands of phones after a
 * mass NOTIFY needs no platform thread per phone (the JDK HttpClient cannot bind a local address per request).
 */
public final class PhoneHttpFetcher implements AutoCloseable {
    private static final int MAX_REPLY = ProvisioningFiles.MAX_FILE_BYTES + 64 * 1024;
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("lab-provisioning-fetch-", 0).factory());

    /** GETs {@code uri} from {@code local}; completes with the reply or exceptionally (refused, timeout, garbage). */
    public CompletableFuture<HttpReplyParser.Reply> get(InetAddress local, URI uri, String userAgent,
                                                        Duration timeout) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return fetch(local, uri, userAgent, timeout);
            } catch (IOException | HttpReplyParser.Malformed e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, executor);
    }

    private static HttpReplyParser.Reply fetch(InetAddress local, URI uri, String userAgent, Duration timeout)
            throws IOException, HttpReplyParser.Malformed {
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(local, 0));
            socket.connect(new InetSocketAddress(uri.getHost(), port), (int) Math.max(1, timeout.toMillis()));
            String request = "GET " + path + " HTTP/1.1\r\n"
                    + "Host: " + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + port) + "\r\n"
                    + "User-Agent: " + userAgent + "\r\n"
                    + "Accept: */*\r\n"
                    + "Connection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[8192];
            int length = 0;
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new java.net.SocketTimeoutException("no complete answer within " + timeout.toMillis() + " ms");
                }
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
                if (length == buf.length) {
                    if (buf.length >= MAX_REPLY) {
                        throw new HttpReplyParser.Malformed("the answer is larger than " + MAX_REPLY + " bytes");
                    }
                    buf = Arrays.copyOf(buf, Math.min(MAX_REPLY, buf.length * 2));
                }
                int n = in.read(buf, length, buf.length - length);
                if (n < 0) {
                    break;
                }
                length += n;
                if (HttpReplyParser.complete(buf, length)) {
                    break;
                }
            }
            return HttpReplyParser.parse(buf, length);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}

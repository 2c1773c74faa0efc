package org.phonecontroller.daemon.provisioning;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A raw HTTP/1.1 GET from a chosen loopback source address (the server tells ranges apart by the client address). */
final class LoopbackHttp {

    record Reply(int status, String body) {
    }

    private LoopbackHttp() {
    }

    static Reply get(String from, int port, String rawPath, String userAgent) throws IOException {
        return get(from, "127.72.0.1", port, rawPath, userAgent);
    }

    /** From {@code from} to the server at {@code server}:{@code port}. */
    static Reply get(String from, String server, int port, String rawPath, String userAgent) throws IOException {
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(5_000);
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName(server), port), 5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + rawPath + " HTTP/1.1\r\nHost: " + server + "\r\nUser-Agent: " + userAgent
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(all.substring(9, 12));
            int bodyAt = all.indexOf("\r\n\r\n");
            return new Reply(status, bodyAt < 0 ? "" : all.substring(bodyAt + 4));
        }
    }
}

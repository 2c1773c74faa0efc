package org.phonecontroller.protocols.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.phonecontroller.protocols.FailureReason;
import org.phonecontroller.protocols.PhoneProtocolException;

/**
 * What a misbehaving phone can do to the transport, against raw sockets on loopback: every case ends in a typed
 * failure in bounded time, never an unhandled exception or a hang.
 */
class HttpTransportTest {

    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private final HttpTransport transport = HttpTransport.create(new TlsPolicy.PlainHttp(), TIMEOUT);
    private final InetAddress address = address();
    private ServerSocket server;

    /** What the raw phone does with one accepted connection. */
    private interface Behaviour {
        void serve(Socket socket) throws IOException;
    }

    @AfterEach
    void stop() throws IOException {
        transport.close();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aPortWhereNothingListensIsRefused() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, address)) {
            port = closed.getLocalPort();
        }

        assertThat(failure(port).reason()).isEqualTo(FailureReason.REFUSED);
    }

    @Test
    void aPhoneThatAcceptsAndNeverAnswersTimesOut() throws Exception {
        int port = serve(socket -> {
            while (readRequest(socket) >= 0) {
                // hold the connection open until the client gives up
            }
        });

        long start = System.nanoTime();
        assertThat(failure(port).reason()).isEqualTo(FailureReason.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.multipliedBy(4));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SSH-2.0-OpenSSH_9.6\r\n",
        "\u0000\u0001\u0002\u00ff binary junk\r\n\r\n",
        "HTTP/1.1 2000 Very OK\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort",
    })
    void garbageInsteadOfAReplyIsATypedFailure(String garbage) throws Exception {
        int port = serve(socket -> {
            readRequest(socket);
            socket.getOutputStream().write(garbage.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
        });

        assertThat(failure(port).reason()).isIn(FailureReason.MALFORMED_REPLY, FailureReason.UNREACHABLE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Content-Length: 4194304", "Transfer-Encoding: chunked"})
    void aReplyBodyOverOneMebibyteIsAMalformedReply(String framing) throws Exception {
        int port = serve(socket -> {
            readRequest(socket);
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\n" + framing + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] block = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
            boolean chunked = framing.contains("chunked");
            for (int i = 0; i < 64; i++) {
                out.write(chunked ? ("10000\r\n").getBytes(StandardCharsets.US_ASCII) : new byte[0]);
                out.write(block);
                out.write(chunked ? "\r\n".getBytes(StandardCharsets.US_ASCII) : new byte[0]);
            }
        });

        PhoneProtocolException e = failure(port);
        assertThat(e.reason()).isEqualTo(FailureReason.MALFORMED_REPLY);
        assertThat(e.getMessage()).contains("larger than " + BoundedBody.LIMIT);
    }

    @Test
    void decodesTheBodyWithTheCharsetOfItsContentTypeAndUtf8Otherwise() throws Exception {
        int port = serve(socket -> {
            readRequest(socket);
            byte[] latin1 = "café".getBytes(StandardCharsets.ISO_8859_1);
            socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=ISO-8859-1\r\n"
                    + "Content-Length: " + latin1.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(latin1);
            readRequest(socket);
            byte[] utf8 = "café".getBytes(StandardCharsets.UTF_8);
            socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: " + utf8.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(utf8);
            readRequest(socket);
        });

        assertThat(send(port).get(5, TimeUnit.SECONDS).body()).isEqualTo("café");
        assertThat(send(port).get(5, TimeUnit.SECONDS).body()).isEqualTo("café");
    }

    @Test
    void closingTheTransportStopsItsThreads() throws Exception {
        HttpTransport another = HttpTransport.create(new TlsPolicy.PlainHttp(), TIMEOUT);
        int port = serve(socket -> {
            readRequest(socket);
            socket.getOutputStream().write("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            readRequest(socket);
        });
        assertThat(another.send(address, port, PhoneRequest.get("/"), Optional.empty(), "test phone")
                .get(5, TimeUnit.SECONDS).status()).isEqualTo(204);
        List<Thread> its = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(another.threadNames() + "-")).toList();
        assertThat(its).isNotEmpty();

        another.close();

        await().atMost(Duration.ofSeconds(5)).until(() -> its.stream().noneMatch(Thread::isAlive));
    }

    private java.util.concurrent.CompletableFuture<PhoneReply> send(int port) {
        return transport.send(address, port, PhoneRequest.get("/api/v1/mgmt/device/info"), Optional.empty(),
                "test phone " + address.getHostAddress());
    }

    private PhoneProtocolException failure(int port) {
        Throwable[] caught = new Throwable[1];
        assertThatThrownBy(() -> send(port).get(10, TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(PhoneProtocolException.class, e -> caught[0] = e);
        return (PhoneProtocolException) caught[0];
    }

    /** A raw phone on this test's address: each connection is served on its own thread, then closed. */
    private int serve(Behaviour behaviour) throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(address, 0), 10);
        ServerSocket listening = server;
        Thread.ofVirtual().name("raw-phone").start(() -> {
            while (!listening.isClosed()) {
                try {
                    Socket socket = listening.accept();
                    Thread.ofVirtual().start(() -> {
                        try (socket) {
                            behaviour.serve(socket);
                        } catch (IOException e) {
                            // the client gave up on us: expected for some behaviours
                        }
                    });
                } catch (IOException e) {
                    return; // closed
                }
            }
        });
        return server.getLocalPort();
    }

    /** Reads one request head (up to the empty line); -1 at the end of the stream. */
    private static int readRequest(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        int matched = 0;
        int c;
        while ((c = in.read()) >= 0) {
            matched = (c == '\r' && (matched == 0 || matched == 2)) || (c == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
            if (matched == 4) {
                return 4;
            }
        }
        return -1;
    }

    private static InetAddress address() {
        try {
            return InetAddress.getByName("127.34." + ThreadLocalRandom.current().nextInt(1, 250) + "."
                    + ThreadLocalRandom.current().nextInt(2, 250));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.phonecontroller.protocols.registrar;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.phonecontroller.protocols.FailureReason;

/**
 * {@code asterisk-ami}: per read one TCP connection to the Asterisk Manager Interface: the banner,
 * {@code Action: Login} (Username, Secret, {@code Events: off}), {@code Action: PJSIPShowContacts} collected by
 * {@link AmiContacts}, then {@code Action: Logoff}. A refused login is {@link FailureReason#AUTH_FAILED}. The whole
 * exchange is bounded by the limits' timeout (the socket is closed when it passes) and size.
 */
public final class AsteriskAmiClient implements RegistrarClient {

    private final String host;
    private final int port;
    private final String user;
    private final String secret;
    private final RegistrarLimits limits;
    private final Clock clock;
    private final AtomicLong actionIds = new AtomicLong();
    private final ExecutorService threads =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("asterisk-ami-", 0).factory());

    public AsteriskAmiClient(String host, int port, String user, String secret, RegistrarLimits limits, Clock clock) {
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.user = Objects.requireNonNull(user, "user");
        this.secret = Objects.requireNonNull(secret, "secret");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String kind() {
        return "asterisk-ami";
    }

    @Override
    public CompletableFuture<RegistrarDump> dump() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return readOnce();
            } catch (RegistrarException e) {
                throw new CompletionException(e);
            }
        }, threads).exceptionallyCompose(e -> CompletableFuture.failedFuture(KamailioJsonRpcClient.unwrap(e)));
    }

    private RegistrarDump readOnce() throws RegistrarException {
        String where = "AMI " + address();
        var timedOut = new java.util.concurrent.atomic.AtomicBoolean();
        try (Socket socket = new Socket()) {
            var watchdog = CompletableFuture.runAsync(() -> {
                timedOut.set(true);
                closeQuietly(socket);
            },
                    CompletableFuture.delayedExecutor(limits.timeout().toMillis(), TimeUnit.MILLISECONDS, threads));
            try {
                socket.setSoTimeout((int) limits.timeout().toMillis());
                socket.connect(new InetSocketAddress(host, port), (int) limits.timeout().toMillis());
                var messages = new AmiMessages(new BufferedInputStream(socket.getInputStream()), limits.maxBytes());
                OutputStream out = socket.getOutputStream();
                String banner = messages.banner();
                if (!banner.contains("Call Manager")) {
                    throw new RegistrarException(FailureReason.MALFORMED_REPLY, where + " did not greet as the "
                            + "Asterisk Call Manager");
                }
                String loginId = "pc-login-" + actionIds.incrementAndGet();
                send(out, "Action: Login\r\nActionID: " + loginId + "\r\nUsername: " + line(user) + "\r\nSecret: "
                        + line(secret) + "\r\nEvents: off\r\n\r\n");
                Map<String, String> login = response(messages, loginId, where);
                if (!"Success".equalsIgnoreCase(login.get("response"))) {
                    throw new RegistrarException(FailureReason.AUTH_FAILED, where + " refused the login of user '"
                            + user + "' (" + KamailioUlDump.shorten(login.getOrDefault("message", "")) + "); check "
                            + "the user in manager.conf and the credentials file");
                }
                String listId = "pc-contacts-" + actionIds.incrementAndGet();
                send(out, "Action: PJSIPShowContacts\r\nActionID: " + listId + "\r\n\r\n");
                RegistrarDump dump = AmiContacts.collect(messages, listId, clock.instant(), limits.maxContacts());
                try {
                    send(out, "Action: Logoff\r\n\r\n");
                } catch (IOException e) {
                    // the dump is complete; the server may already have closed
                }
                return dump;
            } finally {
                watchdog.cancel(false);
            }
        } catch (MalformedRegistrarReply e) {
            throw new RegistrarException(FailureReason.MALFORMED_REPLY, where + ": " + e.getMessage());
        } catch (SocketTimeoutException e) {
            throw new RegistrarException(FailureReason.TIMEOUT, where + ": no answer within "
                    + limits.timeout().toMillis() + "ms");
        } catch (ConnectException e) {
            throw new RegistrarException(FailureReason.REFUSED, where + ": " + e.getMessage());
        } catch (IOException e) {
            if (timedOut.get()) {
                throw new RegistrarException(FailureReason.TIMEOUT, where + ": no complete answer within "
                        + limits.timeout().toMillis() + "ms");
            }
            throw new RegistrarException(FailureReason.UNREACHABLE, where + ": " + e.getMessage());
        }
    }

    private static Map<String, String> response(AmiMessages messages, String actionId, String where)
            throws IOException {
        while (true) {
            Optional<Map<String, String>> m = messages.next();
            if (m.isEmpty()) {
                throw new MalformedRegistrarReply("the connection closed before the login response");
            }
            if (m.get().containsKey("response") && actionId.equals(m.get().get("actionid"))) {
                return m.get();
            }
        }
    }

    /** A value on one line: CR and LF would start another field (AMI injection). */
    private static String line(String value) {
        return value.replace('\r', ' ').replace('\n', ' ');
    }

    private static void send(OutputStream out, String message) throws IOException {
        out.write(message.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing to end a read that takes too long: nothing else to do
        }
    }

    private String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }

    @Override
    public String toString() {
        return "asterisk-ami " + address() + " as " + user;
    }
}

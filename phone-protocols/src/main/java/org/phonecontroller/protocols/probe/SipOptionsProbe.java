package org.phonecontroller.protocols.probe;

import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.mina.core.future.ConnectFuture;
import org.apache.mina.core.future.WriteFuture;
import org.apache.mina.core.service.IoConnector;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.filter.codec.ProtocolDecoderException;
import org.apache.mina.transport.socket.nio.NioDatagramConnector;
import org.apache.mina.transport.socket.nio.NioSocketConnector;
import org.phonecontroller.protocols.Endpoint;
import org.phonecontroller.protocols.FailureReason;
import org.phonecontroller.protocols.HealthProbe;
import org.phonecontroller.protocols.ProbeResult;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.Transport;
import org.phonecontroller.protocols.sip.SipCodecFactory;
import org.phonecontroller.protocols.sip.SipIds;
import org.phonecontroller.protocols.sip.SipMessage;
import org.phonecontroller.protocols.sip.SipRequest;
import org.phonecontroller.protocols.sip.SipRequests;
import org.phonecontroller.protocols.sip.SipResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIP OPTIONS keep-alive over UDP or TCP (kind {@code sip-options}). A final response with an accepted code (2xx by
 * default) is up; another final code is {@link FailureReason#ERROR_REPLY}; no final response within the probe's
 * timeout is {@link FailureReason#TIMEOUT}.
 *
 * <p>UDP uses one <em>connected</em> datagram socket per endpoint, so an ICMP port unreachable from a dead server
 * ends the probe at once as {@link FailureReason#REFUSED}. TCP keeps one connection per endpoint and reconnects
 * when it closes; a refused connect or a connection closed under a pending probe is REFUSED. Responses are
 * matched by Via branch and Call-ID, so a late answer to an earlier probe never counts for the current one.
 * Retransmission is deliberately absent: the health state machine above counts failures. TLS is not offered.
 */
public final class SipOptionsProbe implements HealthProbe {

    public static final String KIND = "sip-options";

    private static final Logger LOG = LoggerFactory.getLogger(SipOptionsProbe.class);

    private final ProbeSettings settings;
    private final SipIds ids;
    private final Ticker ticker;
    private final ScheduledExecutorService timer;
    private final NioDatagramConnector udp = new NioDatagramConnector();
    private final NioSocketConnector tcp = new NioSocketConnector();
    private final Map<String, ConnectFuture> connections = new ConcurrentHashMap<>();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public SipOptionsProbe(ProbeSettings settings) {
        this(settings, SipIds.secure(), Ticker.system());
    }

    public SipOptionsProbe(ProbeSettings settings, SipIds ids, Ticker ticker) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sip-options-probe-timer");
            t.setDaemon(true);
            return t;
        });
        var handler = new Handler();
        udp.getFilterChain().addLast("sip", new ProtocolCodecFilter(SipCodecFactory.datagrams()));
        udp.getSessionConfig().setCloseOnPortUnreachable(true);
        udp.setHandler(handler);
        tcp.getFilterChain().addLast("sip", new ProtocolCodecFilter(SipCodecFactory.streams()));
        tcp.setConnectTimeoutMillis(Math.max(1, settings.timeout().toMillis()));
        tcp.getSessionConfig().setTcpNoDelay(true);
        tcp.setHandler(handler);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public CompletableFuture<ProbeResult> probe(Endpoint endpoint) {
        var result = new CompletableFuture<ProbeResult>();
        if (closed) {
            result.complete(new ProbeResult.Down(FailureReason.UNREACHABLE, "probe closed"));
            return result;
        }
        if (endpoint.transport() == Transport.TLS) {
            result.complete(new ProbeResult.Down(FailureReason.UNSUPPORTED,
                    "sip-options over TLS is not supported; probe " + endpoint.name() + " over tcp or udp"));
            return result;
        }
        long started = ticker.nanoTime();
        try {
            ScheduledFuture<?> timeout = timer.schedule(() -> result.complete(new ProbeResult.Down(
                    FailureReason.TIMEOUT, "no SIP answer to OPTIONS from " + endpoint.address() + " within "
                    + settings.timeout().toMillis() + " ms")), settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
            result.whenComplete((r, e) -> timeout.cancel(false));
            session(endpoint).addListener(f -> {
                try {
                    send((ConnectFuture) f, endpoint, started, result);
                } catch (RuntimeException e) { // e.g. the session closed under us: say so now, not at the timeout
                    result.complete(Failures.down("OPTIONS to " + endpoint.address(), e));
                }
            });
        } catch (RuntimeException e) {
            result.complete(Failures.down("OPTIONS to " + endpoint.address(), e));
        }
        return result;
    }

    /** The endpoint's connection: reused while open, re-made after it closed or failed to connect. */
    private ConnectFuture session(Endpoint endpoint) {
        String key = key(endpoint.transport(), endpoint.address());
        return connections.compute(key, (k, existing) -> {
            if (existing != null && (!existing.isDone() || existing.isConnected()
                    && existing.getSession().isConnected() && !existing.getSession().isClosing())) {
                return existing;
            }
            IoConnector connector = endpoint.transport() == Transport.UDP ? udp : tcp;
            ConnectFuture future = connector.connect(
                    new InetSocketAddress(endpoint.address().host(), endpoint.address().port()));
            future.addListener(f -> {
                if (future.isConnected()) {
                    future.getSession().setAttribute(Key.class, key);
                }
            });
            return future;
        });
    }

    private void send(ConnectFuture connect, Endpoint endpoint, long started, CompletableFuture<ProbeResult> result) {
        if (result.isDone()) {
            return;
        }
        if (!connect.isConnected()) {
            Throwable cause = connect.getException();
            result.complete(cause == null
                    ? new ProbeResult.Down(FailureReason.UNREACHABLE, "cannot connect to " + endpoint.address())
                    : Failures.down("connecting to " + endpoint.address() + " over " + endpoint.transport()
                    .configName(), cause));
            return;
        }
        IoSession session = connect.getSession();
        var local = (InetSocketAddress) session.getLocalAddress();
        SipRequest options = new SipRequests(new ServerAddress(local.getAddress().getHostAddress(), local.getPort()),
                endpoint.transport(), settings.userAgent(), ids).options(endpoint.address());
        String branch = options.viaBranch().orElseThrow();
        var p = new Pending(branch, options.callId().orElseThrow(), session.getId(), endpoint, started, result);
        pending.put(branch, p);
        result.whenComplete((r, e) -> pending.remove(branch, p));
        session.write(options).addListener(w -> {
            Throwable failure = ((WriteFuture) w).getException();
            if (failure != null) {
                complete(p, Failures.down("sending OPTIONS to " + endpoint.address(), failure));
            }
        });
    }

    private void complete(Pending p, ProbeResult r) {
        if (pending.remove(p.branch, p)) {
            p.result.complete(r);
        }
    }

    private void failSession(IoSession session, FailureReason reason, String detail) {
        for (Pending p : pending.values()) {
            if (p.sessionId == session.getId()) {
                complete(p, new ProbeResult.Down(reason, detail + " (" + p.endpoint.address() + ")"));
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Pending p : pending.values()) {
            complete(p, new ProbeResult.Down(FailureReason.UNREACHABLE, "probe closed"));
        }
        udp.dispose(false);
        tcp.dispose(false);
        timer.shutdownNow();
    }

    private static String key(Transport transport, ServerAddress address) {
        return transport.configName() + "|" + address;
    }

    /** Marker for the session attribute holding the endpoint key. */
    private enum Key {
    }

    private record Pending(String branch, String callId, long sessionId, Endpoint endpoint, long started,
                           CompletableFuture<ProbeResult> result) {
    }

    private final class Handler extends IoHandlerAdapter {

        @Override
        public void messageReceived(IoSession session, Object message) {
            if (!(message instanceof SipResponse response)) {
                LOG.debug("ignoring a SIP request from {}: {}", session.getRemoteAddress(),
                        ((SipMessage) message).startLine());
                return;
            }
            Pending p = response.viaBranch().map(pending::get).orElse(null);
            if (p == null || p.sessionId != session.getId() || !response.callId().orElse("").equals(p.callId)) {
                LOG.debug("ignoring a stray or late response from {}: {}", session.getRemoteAddress(),
                        response.startLine());
                return;
            }
            if (response.isProvisional()) {
                return;
            }
            if (settings.sipAcceptedCodes().contains(response.statusCode())) {
                complete(p, new ProbeResult.Up(Duration.ofNanos(ticker.nanoTime() - p.started)));
            } else {
                complete(p, new ProbeResult.Down(FailureReason.ERROR_REPLY, "SIP " + response.status()
                        + " from " + p.endpoint.address()));
            }
        }

        @Override
        public void exceptionCaught(IoSession session, Throwable cause) {
            if (cause instanceof PortUnreachableException) {
                failSession(session, FailureReason.REFUSED, "ICMP port unreachable: nothing listens");
                session.closeNow();
            } else if (cause instanceof ProtocolDecoderException) {
                if (session.getTransportMetadata().isConnectionless()) {
                    LOG.debug("ignoring an unparsable datagram from {}: {}", session.getRemoteAddress(),
                            cause.getMessage());
                } else {
                    failSession(session, FailureReason.MALFORMED_REPLY, "unparsable SIP stream: "
                            + cause.getMessage());
                    session.closeNow();
                }
            } else {
                failSession(session, Failures.reason(cause), Failures.describe(cause));
                session.closeNow();
            }
        }

        @Override
        public void sessionClosed(IoSession session) {
            Object key = session.getAttribute(Key.class);
            if (key != null) {
                connections.computeIfPresent((String) key,
                        (k, f) -> f.isConnected() && f.getSession() == session ? null : f);
            }
            failSession(session, FailureReason.REFUSED, "connection closed by the server");
        }
    }
}

package org.phonecontroller.protocols.probe;

import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import org.apache.mina.core.future.ConnectFuture;
import org.apache.mina.core.future.WriteFuture;
import org.apache.mina.core.service.IoConnector;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.filter.codec.ProtocolDecoderException;
import org.apache.mina.filter.ssl.SslFilter;
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
 * Retransmission is deliberately absent: the health state machine above counts failures. TLS (MINA's SslFilter)
 * needs an {@link SSLContext}; a failed certificate check is {@link FailureReason#CERTIFICATE_MISMATCH}, at once
 * (see {@link InlineTaskEngine} for why its engine runs delegated tasks inline).
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
    private final NioSocketConnector tls;
    private final Map<String, ConnectFuture> connections = new ConcurrentHashMap<>();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final ExecutorService resolver = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean closed;

    /** Without TLS: probes of {@code tls} endpoints are {@link FailureReason#UNSUPPORTED}. */
    public SipOptionsProbe(ProbeSettings settings) {
        this(settings, null);
    }

    /**
     * @param tlsContext trust (and optionally client keys) for {@code tls} endpoints, or null to refuse TLS. The
     *                   certificate chain is checked against it; the host name is not (SIP servers are probed by
     *                   address).
     */
    public SipOptionsProbe(ProbeSettings settings, SSLContext tlsContext) {
        this(settings, tlsContext, SipIds.secure(), Ticker.system());
    }

    public SipOptionsProbe(ProbeSettings settings, SipIds ids, Ticker ticker) {
        this(settings, null, ids, ticker);
    }

    public SipOptionsProbe(ProbeSettings settings, SSLContext tlsContext, SipIds ids, Ticker ticker) {
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
        configureStream(tcp, handler);
        if (tlsContext == null) {
            tls = null;
        } else {
            tls = new NioSocketConnector();
            tls.getFilterChain().addLast("tls", new SslFilter(tlsContext) {
                @Override
                protected SSLEngine createEngine(IoSession session, InetSocketAddress address) {
                    return new InlineTaskEngine(super.createEngine(session, address));
                }
            });
            configureStream(tls, handler);
        }
    }

    private void configureStream(NioSocketConnector connector, Handler handler) {
        connector.getFilterChain().addLast("sip", new ProtocolCodecFilter(SipCodecFactory.streams()));
        connector.setConnectTimeoutMillis(Math.max(1, settings.timeout().toMillis()));
        connector.getSessionConfig().setTcpNoDelay(true);
        connector.setHandler(handler);
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
        if (endpoint.transport() == Transport.TLS && tls == null) {
            result.complete(new ProbeResult.Down(FailureReason.UNSUPPORTED,
                    "this sip-options probe has no TLS context; probe " + endpoint.name() + " over tcp or udp"));
            return result;
        }
        long started = ticker.nanoTime();
        try {
            ScheduledFuture<?> timeout = timer.schedule(() -> result.complete(new ProbeResult.Down(
                    FailureReason.TIMEOUT, "no SIP answer to OPTIONS from " + endpoint.address() + " within "
                    + settings.timeout().toMillis() + " ms")), settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
            result.whenComplete((r, e) -> timeout.cancel(false));
            resolve(endpoint.address()).whenComplete((target, failure) -> {
                if (failure != null || target.isUnresolved()) {
                    result.complete(new ProbeResult.Down(FailureReason.UNREACHABLE, "cannot resolve "
                            + endpoint.address().host()));
                    return;
                }
                session(endpoint, target).addListener(f -> {
                    try {
                        send((ConnectFuture) f, endpoint, started, result);
                    } catch (RuntimeException e) { // e.g. the session closed under us: say so now
                        result.complete(Failures.down("OPTIONS to " + endpoint.address(), e));
                    }
                });
            });
        } catch (RuntimeException e) {
            result.complete(Failures.down("OPTIONS to " + endpoint.address(), e));
        }
        return result;
    }

    /** IP literals at once; host names on a virtual thread, so a slow DNS server never blocks the caller. */
    private CompletableFuture<InetSocketAddress> resolve(ServerAddress address) {
        String host = address.host();
        if (host.indexOf(':') >= 0 || host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return CompletableFuture.completedFuture(new InetSocketAddress(host, address.port()));
        }
        return CompletableFuture.supplyAsync(() -> new InetSocketAddress(host, address.port()), resolver);
    }

    /** The endpoint's connection: reused while open, re-made after it closed or failed to connect. */
    private ConnectFuture session(Endpoint endpoint, InetSocketAddress target) {
        String key = key(endpoint.transport(), endpoint.address());
        return connections.compute(key, (k, existing) -> {
            if (existing != null && (!existing.isDone() || existing.isConnected()
                    && existing.getSession().isConnected() && !existing.getSession().isClosing())) {
                return existing;
            }
            IoConnector connector = switch (endpoint.transport()) {
                case UDP -> udp;
                case TCP -> tcp;
                case TLS -> tls;
            };
            ConnectFuture future = connector.connect(target);
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
        if (tls != null) {
            tls.dispose(false);
        }
        timer.shutdownNow();
        resolver.shutdownNow();
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
            } else if (Failures.tlsFailure(cause)) {
                ProbeResult.Down down = Failures.tls("OPTIONS over tls", cause);
                failSession(session, down.reason(), down.detail());
                session.closeNow();
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

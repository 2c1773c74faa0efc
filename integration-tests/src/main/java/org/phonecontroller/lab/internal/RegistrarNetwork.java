package org.phonecontroller.lab.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.phonecontroller.lab.PhoneManagerState;
import org.phonecontroller.protocols.sip.SipCodecFactory;
import org.phonecontroller.protocols.sip.SipEncoder;
import org.phonecontroller.protocols.sip.SipMessage;
import org.phonecontroller.protocols.sip.SipParseException;
import org.phonecontroller.protocols.sip.SipParser;
import org.phonecontroller.protocols.sip.SipRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sockets of every simulated PhoneManager: one {@link UdpMultiplexer} and one MINA TCP acceptor, each binding
 * all PhoneManager addresses on one selector. Kill unbinds (the kernel then answers ICMP port unreachable / RST), hang
 * keeps the sockets and drops what arrives, restart binds again.
 */
public final class RegistrarNetwork implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RegistrarNetwork.class);
    private final UdpMultiplexer udp;
    private final NioSocketAcceptor tcp = new NioSocketAcceptor(1);
    private final Map<InetSocketAddress, SimulatedPhoneManager> byAddress = new ConcurrentHashMap<>();
    private final SipParser parser = new SipParser();

    public RegistrarNetwork() {
        try {
            udp = new UdpMultiplexer("lab-registrar-udp", this::receiveUdp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
        tcp.setReuseAddress(true);
        tcp.setCloseOnDeactivation(false);
        tcp.getFilterChain().addLast("sip", new ProtocolCodecFilter(SipCodecFactory.streams()));
        tcp.setHandler(new Handler("TCP"));
    }

    /** Binds a PhoneManager's UDP and TCP sockets. */
    public void bind(SimulatedPhoneManager pm) {
        byAddress.put(pm.address(), pm);
        try {
            udp.bind(java.util.List.of(pm.address()));
            tcp.bind(pm.address());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind PhoneManager " + pm.name() + " at " + pm.addressText(), e);
        }
    }

    /** Closes a PhoneManager's sockets and its TCP connections. */
    public void unbind(SimulatedPhoneManager pm) {
        udp.unbind(pm.address());
        tcp.unbind(pm.address());
        for (IoSession s : tcp.getManagedSessions().values()) {
            if (pm.address().equals(s.getLocalAddress())) {
                s.closeNow();
            }
        }
    }

    public void kill(SimulatedPhoneManager pm) {
        synchronized (pm) {
            if (pm.state() == PhoneManagerState.KILLED) {
                return;
            }
            pm.transition(PhoneManagerState.KILLED);
            unbind(pm);
        }
    }

    public void hang(SimulatedPhoneManager pm) {
        synchronized (pm) {
            if (pm.state() != PhoneManagerState.HUNG) {
                pm.transition(PhoneManagerState.HUNG);
            }
        }
    }

    public void restart(SimulatedPhoneManager pm) {
        synchronized (pm) {
            if (pm.state() != PhoneManagerState.KILLED) {
                unbind(pm);
            }
            pm.transition(PhoneManagerState.UP);
            bind(pm);
        }
    }

    @Override
    public void close() {
        udp.close();
        tcp.dispose(true);
    }

    private void receiveUdp(InetSocketAddress local, InetSocketAddress remote, byte[] bytes) {
        SimulatedPhoneManager pm = byAddress.get(local);
        if (pm == null) {
            return;
        }
        SipMessage message;
        try {
            message = parser.parseDatagram(bytes);
        } catch (SipParseException e) {
            LOG.debug("PhoneManager {} ignores a malformed UDP message from {}: {}", pm.name(), remote, e.getMessage());
            return;
        }
        if (message instanceof SipRequest request) {
            pm.handle(request, remote, "UDP").ifPresent(reply -> udp.send(local, remote, SipEncoder.encode(reply)));
        }
    }

    private final class Handler extends IoHandlerAdapter {
        private final String transport;

        Handler(String transport) {
            this.transport = transport;
        }

        @Override
        public void messageReceived(IoSession session, Object message) {
            SimulatedPhoneManager pm = byAddress.get((InetSocketAddress) session.getLocalAddress());
            if (pm == null) {
                return;
            }
            if (!(message instanceof SipRequest request)) {
                return;
            }
            SocketAddress remote = session.getRemoteAddress();
            pm.handle(request, (InetSocketAddress) remote, transport).ifPresent(session::write);
        }

        @Override
        public void exceptionCaught(IoSession session, Throwable cause) {
            LOG.debug("PhoneManager {} connection {} failed: {}", transport, session.getRemoteAddress(),
                    cause.toString());
            if (transport.equals("TCP")) {
                session.closeNow();
            }
        }
    }
}

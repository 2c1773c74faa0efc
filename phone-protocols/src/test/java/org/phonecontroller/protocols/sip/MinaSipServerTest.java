package org.phonecontroller.protocols.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import org.apache.mina.core.service.IoAcceptor;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.transport.socket.nio.NioDatagramAcceptor;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.phonecontroller.protocols.Endpoint;
import org.phonecontroller.protocols.ProbeResult;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.Transport;
import org.phonecontroller.protocols.probe.ProbeSettings;
import org.phonecontroller.protocols.probe.SipOptionsProbe;
import org.phonecontroller.protocols.testpeers.Loopback;

/** The codec on the server side of MINA (as the phone lab uses it), answered to by the probe's client side. */
class MinaSipServerTest {

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    void aMinaServerWithTheCodecAnswersTheProbe(Transport transport) throws Exception {
        InetAddress ip = Loopback.randomAddress();
        int port = Loopback.freePort(ip);
        IoAcceptor acceptor = transport == Transport.UDP ? new NioDatagramAcceptor() : new NioSocketAcceptor();
        acceptor.getFilterChain().addLast("sip", new ProtocolCodecFilter(
                transport == Transport.UDP ? SipCodecFactory.datagrams() : SipCodecFactory.streams()));
        acceptor.setHandler(new IoHandlerAdapter() {
            @Override
            public void messageReceived(IoSession session, Object message) {
                if (message instanceof SipRequest request) {
                    session.write(new SipResponse(200, "OK", SipResponses.reply(request, 200, "lab").headers()
                            .with("User-Agent", "Lab phone")));
                }
            }
        });
        acceptor.bind(new InetSocketAddress(ip, port));
        try (var probe = new SipOptionsProbe(ProbeSettings.defaults())) {
            var endpoint = new Endpoint("lab", new ServerAddress(ip.getHostAddress(), port), transport);
            for (int i = 0; i < 3; i++) {
                assertThat(probe.probe(endpoint).get(5, TimeUnit.SECONDS)).isInstanceOf(ProbeResult.Up.class);
            }
        } finally {
            acceptor.dispose(true);
        }
    }
}

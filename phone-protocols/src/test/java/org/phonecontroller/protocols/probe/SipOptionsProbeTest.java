package org.phonecontroller.protocols.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.phonecontroller.protocols.Endpoint;
import org.phonecontroller.protocols.FailureReason;
import org.phonecontroller.protocols.ProbeResult;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.Transport;
import org.phonecontroller.protocols.sip.SipEncoder;
import org.phonecontroller.protocols.sip.SipParseException;
import org.phonecontroller.protocols.sip.SipParser;
import org.phonecontroller.protocols.sip.SipRequest;
import org.phonecontroller.protocols.sip.SipResponses;
import org.phonecontroller.protocols.testpeers.Loopback;
import org.phonecontroller.protocols.testpeers.ScriptedUdpPeer;
import org.phonecontroller.protocols.testpeers.TlsSipPeer;

class SipOptionsProbeTest {

    private static final SipParser PARSER = new SipParser();

    private final InetAddress ip = Loopback.randomAddress();
    private final int port = Loopback.freePort(ip);
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeResources() throws Exception {
        for (AutoCloseable r : resources.reversed()) {
            r.close();
        }
    }

    private SipOptionsProbe probe(ProbeSettings settings) {
        var p = new SipOptionsProbe(settings);
        resources.add(p);
        return p;
    }

    private Endpoint endpoint(Transport transport) {
        return new Endpoint("pm-test", new ServerAddress(ip.getHostAddress(), port), transport);
    }

    private void peer(java.util.function.Function<SipRequest, List<byte[]>> script) throws IOException {
        resources.add(new ScriptedUdpPeer(ip, port, (data, from) -> {
            try {
                return script.apply((SipRequest) PARSER.parseDatagram(data));
            } catch (SipParseException e) {
                throw new AssertionError(e);
            }
        }));
    }

    private static ProbeResult await(CompletableFuture<ProbeResult> f) throws Exception {
        return f.get(5, TimeUnit.SECONDS);
    }

    private static byte[] reply(SipRequest r, int code) {
        return SipEncoder.encode(SipResponses.reply(r, code, "t1"));
    }

    @Test
    void isUpWhenTheServerAnswers200() throws Exception {
        peer(r -> List.of(reply(r, 200)));
        ProbeResult result = await(probe(ProbeSettings.defaults()).probe(endpoint(Transport.UDP)));
        assertThat(result).isInstanceOfSatisfying(ProbeResult.Up.class,
                up -> assertThat(up.latency()).isPositive().isLessThan(Duration.ofSeconds(5)));
    }

    @Test
    void waitsPastProvisionalAnswersAndIgnoresGarbageAndStrayReplies() throws Exception {
        peer(r -> {
            SipRequest other = (SipRequest) parseQuietly(SipEncoder.encode(r.withHeaders(
                    r.headers().replacing("Call-ID", "someone-else"))));
            return List.of("garbage\r\n\r\n".getBytes(StandardCharsets.UTF_8), reply(other, 200),
                    reply(r, 100), reply(r, 200));
        });
        assertThat(await(probe(ProbeSettings.defaults()).probe(endpoint(Transport.UDP))))
                .isInstanceOf(ProbeResult.Up.class);
    }

    @Test
    void reportsAnErrorCodeAsDownWithTheStatus() throws Exception {
        peer(r -> List.of(reply(r, 503)));
        assertThat(await(probe(ProbeSettings.defaults()).probe(endpoint(Transport.UDP)))).isEqualTo(
                new ProbeResult.Down(FailureReason.ERROR_REPLY, "SIP 503 Service Unavailable from " + ip
                        .getHostAddress() + ":" + port));
    }

    @Test
    void countsConfiguredCodesAsUpButNever408() throws Exception {
        var codes = new CopyOnWriteArrayList<>(List.of(404, 408));
        peer(r -> List.of(reply(r, codes.removeFirst())));
        var probe = probe(ProbeSettings.defaults().withSipAcceptedCodes(Set.of(200, 404)));
        assertThat(await(probe.probe(endpoint(Transport.UDP)))).isInstanceOf(ProbeResult.Up.class);
        assertThat(await(probe.probe(endpoint(Transport.UDP)))).isInstanceOfSatisfying(ProbeResult.Down.class,
                d -> assertThat(d.reason()).isEqualTo(FailureReason.ERROR_REPLY));
    }

    @Test
    void aLateAnswerToTheLastProbeDoesNotCountForTheNextOne() throws Exception {
        var unanswered = new CopyOnWriteArrayList<SipRequest>();
        peer(r -> {
            unanswered.add(r);
            // Answer only the previous request, never the current one.
            return unanswered.size() >= 2 ? List.of(reply(unanswered.get(unanswered.size() - 2), 200)) : List.of();
        });
        var probe = probe(ProbeSettings.defaults().withTimeout(Duration.ofMillis(300)));
        assertThat(await(probe.probe(endpoint(Transport.UDP)))).isInstanceOfSatisfying(ProbeResult.Down.class,
                d -> assertThat(d.reason()).isEqualTo(FailureReason.TIMEOUT));
        assertThat(await(probe.probe(endpoint(Transport.UDP)))).isInstanceOfSatisfying(ProbeResult.Down.class,
                d -> assertThat(d.reason()).isEqualTo(FailureReason.TIMEOUT));
        assertThat(unanswered).hasSize(2);
    }

    @Test
    void aClosedUdpPortIsRefusedLongBeforeTheTimeout() throws Exception {
        // Nothing listens at ip:port: the kernel answers with ICMP port unreachable.
        var probe = probe(ProbeSettings.defaults().withTimeout(Duration.ofSeconds(30)));
        assertThat(await(probe.probe(endpoint(Transport.UDP)))).isInstanceOfSatisfying(ProbeResult.Down.class,
                d -> assertThat(d.reason()).isEqualTo(FailureReason.REFUSED));
    }

    @Test
    void resolvesHostNamesOffTheCallersThread() throws Exception {
        // "localhost" comes from /etc/hosts: no DNS query leaves the machine (network rule).
        var byName = new Endpoint("pm-by-name", new ServerAddress("localhost", port), Transport.UDP);
        try (var local = new ScriptedUdpPeer(InetAddress.getByName("127.0.0.1"), port, (d, f) -> {
            try {
                return List.of(reply((SipRequest) PARSER.parseDatagram(d), 200));
            } catch (SipParseException e) {
                throw new AssertionError(e);
            }
        })) {
            assertThat(await(probe(ProbeSettings.defaults()).probe(byName))).isInstanceOf(ProbeResult.Up.class);
        }
    }

    @Test
    void aClosedTcpPortIsRefused() throws Exception {
        var probe = probe(ProbeSettings.defaults().withTimeout(Duration.ofSeconds(30)));
        assertThat(await(probe.probe(endpoint(Transport.TCP)))).isInstanceOfSatisfying(ProbeResult.Down.class,
                d -> assertThat(d.reason()).isEqualTo(FailureReason.REFUSED));
    }

    @Test
    void aSilentServerTimesOutWithinTheProbesOwnTimeout() throws Exception {
        peer(r -> List.of());
        try (var silentTcp = new ServerSocket(port, 50, ip)) { // accepts (kernel backlog) but never answers
            var probe = probe(ProbeSettings.defaults().withTimeout(Duration.ofMillis(200)));
            for (Transport t : List.of(Transport.UDP, Transport.TCP)) {
                assertThat(probe.probe(endpoint(t)).get(2, TimeUnit.SECONDS)).as(t.name())
                        .isInstanceOfSatisfying(ProbeResult.Down.class,
                                d -> assertThat(d.reason()).isEqualTo(FailureReason.TIMEOUT));
            }
        }
    }

    @Test
    void tlsWithoutATlsContextIsReportedAsUnsupported() throws Exception {
        assertThat(await(probe(ProbeSettings.defaults()).probe(endpoint(Transport.TLS))))
                .isInstanceOfSatisfying(ProbeResult.Down.class,
                        d -> assertThat(d.reason()).isEqualTo(FailureReason.UNSUPPORTED));
    }

    @Test
    void probesOverTlsWhenItTrustsTheServersCertificate() throws Exception {
        try (var server = new TlsSipPeer(ip, port)) {
            var trusting = new SipOptionsProbe(ProbeSettings.defaults().withTimeout(Duration.ofSeconds(3)),
                    server.clientContext());
            resources.add(trusting);
            assertThat(await(trusting.probe(endpoint(Transport.TLS)))).isInstanceOf(ProbeResult.Up.class);
            assertThat(await(trusting.probe(endpoint(Transport.TLS)))).isInstanceOf(ProbeResult.Up.class);

            var distrusting = new SipOptionsProbe(ProbeSettings.defaults().withTimeout(Duration.ofSeconds(3)),
                    javax.net.ssl.SSLContext.getDefault());
            resources.add(distrusting);
            assertThat(await(distrusting.probe(endpoint(Transport.TLS)))).isInstanceOfSatisfying(
                    ProbeResult.Down.class, d -> assertThat(d.reason()).as(d.detail())
                            .isEqualTo(FailureReason.CERTIFICATE_MISMATCH));
        }
    }

    @Test
    void closingCompletesPendingProbes() throws Exception {
        peer(r -> List.of());
        var probe = new SipOptionsProbe(ProbeSettings.defaults().withTimeout(Duration.ofSeconds(60)));
        CompletableFuture<ProbeResult> pending = probe.probe(endpoint(Transport.UDP));
        org.awaitility.Awaitility.await().until(() -> ((ScriptedUdpPeer) resources.getLast()).received() == 1);
        probe.close();
        assertThat(await(pending)).isInstanceOf(ProbeResult.Down.class);
    }

    private static Object parseQuietly(byte[] b) {
        try {
            return PARSER.parseDatagram(b);
        } catch (SipParseException e) {
            throw new AssertionError(e);
        }
    }
}

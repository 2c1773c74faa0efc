package org.phonecontroller.protocols.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.phonecontroller.protocols.sip.SipEncoder;
import org.phonecontroller.protocols.sip.SipParser;
import org.phonecontroller.protocols.sip.SipRequest;
import org.phonecontroller.protocols.sip.SipResponse;
import org.phonecontroller.protocols.sip.SipResponses;
import org.phonecontroller.protocols.Endpoint;
import org.phonecontroller.protocols.ProbeResult;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.Transport;
import org.phonecontroller.protocols.probe.ProbeSettings;
import org.phonecontroller.protocols.probe.SnmpGetProbe;
import org.phonecontroller.protocols.testpeers.ScriptedUdpPeer;
import org.phonecontroller.protocols.testpeers.Snmpd;
import org.phonecontroller.protocols.testpeers.TinySnmpAgent;

/** Sweeps of a /26 under 127.31/16 with tiny SNMP agents and SIP phones bound to a few of its addresses. */
class SweeperTest {

    private static final String COMMUNITY = "sweep-test";

    private final int block = ThreadLocalRandom.current().nextInt(0, 250);
    private final int snmpPort = ThreadLocalRandom.current().nextInt(20000, 40000);
    private final int sipPort = snmpPort + 1;
    private final List<ScriptedUdpPeer> peers = new ArrayList<>();

    @AfterEach
    void closePeers() throws Exception {
        for (var p : peers) {
            p.close();
        }
    }

    private InetAddress ip(int last) throws Exception {
        return InetAddress.getByName("127.31." + block + "." + last);
    }

    private AddressSpan span() throws Exception {
        return new AddressSpan(ip(1), ip(62));
    }

    private ScriptedUdpPeer peer(int last, int port, java.util.function.Function<byte[], List<byte[]>> script)
            throws Exception {
        var p = new ScriptedUdpPeer(ip(last), port, (data, from) -> script.apply(data));
        peers.add(p);
        return p;
    }

    private static List<byte[]> sipAnswer(byte[] data, String userAgent) {
        try {
            var request = (SipRequest) new SipParser().parseDatagram(data);
            SipResponse ok = SipResponses.reply(request, 200, "t");
            return List.of(SipEncoder.encode(new SipResponse(200, "OK", ok.headers().with("User-Agent", userAgent))));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private SweepPlan plan(Set<SweepKind> kinds) throws Exception {
        return SweepPlan.of(List.of(span()), kinds, COMMUNITY).withPorts(snmpPort, sipPort)
                .withRetries(1, Duration.ofMillis(300)).withBind(new InetSocketAddress(ip(200), 0));
    }

    @Test
    void findsEveryAnsweringAgentAndPhoneOnceAndNothingElse() throws Exception {
        var polycom = new TinySnmpAgent(COMMUNITY, "Polycom VVX 450", "1.3.6.1.4.1.13885.1");
        var cisco = new TinySnmpAgent(COMMUNITY, "Cisco IP Phone CP-8845", "1.3.6.1.4.1.9.1.2345");
        peer(5, snmpPort, polycom::answer);
        peer(40, snmpPort, cisco::answer);
        peer(9, sipPort, d -> sipAnswer(d, "Yealink SIP-T46S 66.86.0.15"));
        peer(40, sipPort, d -> sipAnswer(d, "snomD785/10.1.54.13"));
        var hits = new ConcurrentHashMap<String, SweepHit>();
        SweepStats stats = new Sweeper().run(plan(Set.of(SweepKind.SNMP, SweepKind.SIP)),
                h -> assertThat(hits.put(h.address().getHostAddress() + "/" + h.kind(), h)).isNull());
        assertThat(hits).containsOnlyKeys("127.31." + block + ".5/SNMP", "127.31." + block + ".40/SNMP",
                "127.31." + block + ".9/SIP", "127.31." + block + ".40/SIP");
        assertThat(hits.get("127.31." + block + ".5/SNMP")).satisfies(h -> {
            assertThat(h.sysDescr()).isEqualTo("Polycom VVX 450");
            assertThat(h.sysObjectId()).isEqualTo("1.3.6.1.4.1.13885.1");
            assertThat(h.port()).isEqualTo(snmpPort);
        });
        assertThat(hits.get("127.31." + block + ".9/SIP").userAgent()).isEqualTo("Yealink SIP-T46S 66.86.0.15");
        assertThat(stats.targets()).isEqualTo(124);
        assertThat(stats.answered()).isEqualTo(4);
        assertThat(stats.retries()).isEqualTo(120);
        assertThat(stats.refused()).isZero();
        assertThat(stats.sent()).isEqualTo(244);
        assertThat(stats.garbage()).isZero();
    }

    @Test
    void findsARealNetSnmpAgent() throws Exception {
        try (var snmpd = Snmpd.start(ip(33), snmpPort, COMMUNITY, "Linux test agent", ".1.3.6.1.4.1.8072.3.2.10");
             var probe = new SnmpGetProbe(ProbeSettings.defaults().withSnmpCommunity(COMMUNITY))) {
            var endpoint = new Endpoint("snmpd", new ServerAddress(ip(33).getHostAddress(), snmpPort), Transport.UDP);
            await().atMost(Duration.ofSeconds(15)).alias("snmpd answers; its output:\n" + snmpd.output())
                    .until(() -> probe.probe(endpoint).get() instanceof ProbeResult.Up);
            var hits = new ArrayList<SweepHit>();
            new Sweeper().run(plan(Set.of(SweepKind.SNMP)), hits::add);
            assertThat(hits).singleElement().satisfies(h -> {
                assertThat(h.address()).isEqualTo(ip(33));
                assertThat(h.sysDescr()).isEqualTo("Linux test agent");
                assertThat(h.sysObjectId()).isEqualTo("1.3.6.1.4.1.8072.3.2.10");
            });
        }
    }

    @Test
    void sweepsIpv6Too() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        var agent = new TinySnmpAgent(COMMUNITY, "IPv6 agent", "1.3.6.1.4.1.3");
        peers.add(new ScriptedUdpPeer(v6, snmpPort, (d, from) -> agent.answer(d)));
        var hits = new ArrayList<SweepHit>();
        SweepPlan plan = SweepPlan.of(List.of(AddressSpan.of(v6)), Set.of(SweepKind.SNMP), COMMUNITY)
                .withPorts(snmpPort, sipPort).withRetries(1, Duration.ofMillis(300));
        new Sweeper().run(plan, hits::add);
        assertThat(hits).singleElement().satisfies(h -> {
            assertThat(h.address()).isEqualTo(v6);
            assertThat(h.sysDescr()).isEqualTo("IPv6 agent");
        });
    }

    @Test
    void neverSendsOutsideItsSpans() throws Exception {
        var justBelow = peer(0, snmpPort, d -> List.of());
        var justAbove = peer(63, snmpPort, d -> List.of());
        var sipAbove = peer(63, sipPort, d -> List.of());
        var inside = peer(62, snmpPort, d -> List.of());
        new Sweeper().run(plan(Set.of(SweepKind.SNMP, SweepKind.SIP)), h -> { });
        assertThat(inside.received()).isEqualTo(2); // asked, then retried
        assertThat(justBelow.received() + justAbove.received() + sipAbove.received()).isZero();
    }

    @Test
    void countsAndIgnoresGarbageDuplicatesAndAnswersFromTheWrongAddress() throws Exception {
        var agent = new TinySnmpAgent(COMMUNITY, "Agent", "1.3.6.1.4.1.1");
        var wrongCommunity = new TinySnmpAgent("other", "Agent", "1.3.6.1.4.1.1");
        peer(3, snmpPort, d -> List.of("garbage".getBytes(StandardCharsets.UTF_8), new byte[0],
                new byte[] {0x30, (byte) 0x82, 0x7f}));
        peer(4, snmpPort, d -> List.of(wrongCommunity.response(TinySnmpAgent.requestId(d))));
        peer(6, snmpPort, d -> List.of(agent.response(TinySnmpAgent.requestId(d)),
                agent.response(TinySnmpAgent.requestId(d)))); // answers twice
        // .7 answers with .6's request-id: the right shape from the wrong address.
        Map<String, Integer> lastId = new ConcurrentHashMap<>();
        peer(7, snmpPort, d -> {
            lastId.put("7", TinySnmpAgent.requestId(d));
            return List.of(agent.response(TinySnmpAgent.requestId(d) + 1));
        });
        peer(8, sipPort, d -> List.of("SIP/2.0 200 OK\r\nCall-ID: sweep-zz-1\r\n\r\n".getBytes(StandardCharsets.UTF_8)));
        var hits = new AtomicInteger();
        SweepStats stats = new Sweeper().run(plan(Set.of(SweepKind.SNMP, SweepKind.SIP)), h -> {
            hits.incrementAndGet();
            throw new IllegalStateException("a listener bug must not stop the sweep");
        });
        assertThat(hits.get()).isEqualTo(1);
        assertThat(stats.answered()).isEqualTo(1);
        // Per round: 3 garbage from .3, 1 from .4, 1 from .7, 1 from .8; .6 answers only once (no retry).
        assertThat(stats.garbage()).isGreaterThanOrEqualTo(12);
    }

    @Test
    void retriesAddressesThatDidNotAnswerTheFirstTime() throws Exception {
        var agent = new TinySnmpAgent(COMMUNITY, "Shy agent", "1.3.6.1.4.1.2");
        var asked = new AtomicInteger();
        peer(11, snmpPort, d -> asked.incrementAndGet() == 1 ? List.of() : agent.answer(d));
        var hits = new ArrayList<SweepHit>();
        SweepStats stats = new Sweeper().run(plan(Set.of(SweepKind.SNMP)), hits::add);
        assertThat(hits).extracting(SweepHit::sysDescr).containsExactly("Shy agent");
        assertThat(asked.get()).isEqualTo(2);
        assertThat(stats.retries()).isEqualTo(62);
    }

    @Test
    void keepsTheConfiguredRateMeasuredOnAFakeClock() throws Exception {
        var clock = new FakeClock();
        SweepPlan plan = SweepPlan.of(List.of(AddressSpan.parse("127.31." + block + ".0/23")), Set.of(SweepKind.SNMP),
                        COMMUNITY).withPorts(snmpPort, sipPort).withRetries(0, Duration.ofMillis(100))
                .withRate(1000, 0).withBind(new InetSocketAddress(ip(200), 0));
        SweepStats stats = new Sweeper(clock).run(plan, h -> { });
        assertThat(stats.sent()).isEqualTo(512);
        // 512 requests at 1000/s with a 100-request burst: at least 0.412 s of (fake) sending.
        assertThat(stats.sending()).isBetween(Duration.ofMillis(410), Duration.ofMillis(430));
        assertThat(stats.duration()).isGreaterThanOrEqualTo(stats.sending().plusMillis(100));
    }

    @Test
    void keepsAtMostMaxInFlightRequestsOutstanding() throws Exception {
        var clock = new FakeClock();
        SweepPlan plan = plan(Set.of(SweepKind.SNMP)).withRetries(0, Duration.ofMillis(100)).withRate(0, 10);
        SweepStats stats = new Sweeper(clock).run(plan, h -> { });
        assertThat(stats.sent()).isEqualTo(62);
        // Nobody answers: each window of 10 waits for the previous 10 to time out (100 ms each), 6 times.
        assertThat(stats.sending()).isGreaterThanOrEqualTo(Duration.ofMillis(600));
    }

    @Test
    void refusesOverlappingSpansAndSweepsTooLargeForOneRun() throws Exception {
        assertThatThrownBy(() -> SweepPlan.of(List.of(AddressSpan.parse("10.0.0.0/24"),
                AddressSpan.parse("10.0.0.128-10.0.1.5")), Set.of(SweepKind.SNMP), "c"))
                .hasMessageContaining("overlap");
        assertThatThrownBy(() -> SweepPlan.of(List.of(AddressSpan.parse("10.0.0.0/8")),
                Set.of(SweepKind.SNMP), "c")).hasMessageContaining("exceeds");
        assertThatThrownBy(() -> SweepPlan.of(List.of(AddressSpan.parse("::1")), Set.of(SweepKind.SNMP), "c")
                .withBind(new InetSocketAddress(ip(200), 0))).hasMessageContaining("IPv6");
        assertThat(SweepPlan.of(List.of(span()), Set.of(SweepKind.SNMP), "s3cret").toString())
                .doesNotContain("s3cret");
    }

    /** Time moves only when the sweeper waits. */
    static final class FakeClock implements SweepClock {
        private volatile long now = 1_000_000_000L;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public synchronized void park(long nanos) {
            now += Math.max(1, nanos);
        }
    }
}

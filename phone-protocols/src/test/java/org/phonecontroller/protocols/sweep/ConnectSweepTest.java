package org.phonecontroller.protocols.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.phonecontroller.protocols.testpeers.ScriptedUdpPeer;
import org.phonecontroller.protocols.testpeers.TinySnmpAgent;

/**
 * The TCP-connect sweep (phones reachable only over HTTP) and the rate shared by every kind, under 127.66/16.
 * On loopback an address where nothing listens resets the connect at once: counted as refused, never a hit.
 */
class ConnectSweepTest {

    private final int block = ThreadLocalRandom.current().nextInt(0, 250);
    private final int port = ThreadLocalRandom.current().nextInt(20000, 40000);
    private final List<AutoCloseable> peers = new ArrayList<>();

    @AfterEach
    void closePeers() throws Exception {
        for (var p : peers) {
            p.close();
        }
    }

    private InetAddress ip(int last) throws Exception {
        return InetAddress.getByName("127.66." + block + "." + last);
    }

    private void listen(int last) throws Exception {
        var server = new ServerSocket();
        server.bind(new InetSocketAddress(ip(last), port), 50);
        peers.add(server);
    }

    @Test
    void findsEveryListeningHttpPortAndCountsResetsAsRefusedNotAsHits() throws Exception {
        listen(3);
        listen(77);
        listen(200);
        var hits = new ConcurrentHashMap<String, SweepHit>();
        SweepPlan plan = SweepPlan.of(List.of(new AddressSpan(ip(1), ip(254))), Set.of(SweepKind.TCP), "unused")
                .withTcpPort(port).withRetries(1, Duration.ofMillis(500)).withBind(new InetSocketAddress(ip(1), 0));
        SweepStats stats = new Sweeper().run(plan, h -> assertThat(hits.put(h.address().getHostAddress(), h)).isNull());
        assertThat(hits).containsOnlyKeys("127.66." + block + ".3", "127.66." + block + ".77",
                "127.66." + block + ".200");
        assertThat(hits.values()).allSatisfy(h -> {
            assertThat(h.kind()).isEqualTo(SweepKind.TCP);
            assertThat(h.port()).isEqualTo(port);
        });
        assertThat(stats.answered()).isEqualTo(3);
        assertThat(stats.refused()).isEqualTo(251);
        assertThat(stats.retries()).as("a reset is an answer: nothing to retry").isZero();
        assertThat(stats.sent()).isEqualTo(254);
    }

    @Test
    void neverExceedsTheConfiguredRateCountedInEveryWindowOfFakeTimeAcrossUdpAndTcp() throws Exception {
        var agent = new TinySnmpAgent("c", "Agent", "1.3.6.1.4.1.1");
        peers.add(new ScriptedUdpPeer(ip(9), port, (d, from) -> agent.answer(d)));
        listen(10);
        var clock = new SweeperTest.FakeClock();
        List<Long> sends = new ArrayList<>();
        int rate = 200;
        SweepPlan plan = SweepPlan.of(List.of(AddressSpan.parse("127.66." + block + ".0/24")),
                        Set.of(SweepKind.SNMP, SweepKind.SIP, SweepKind.TCP), "c")
                .withPorts(port, port + 1).withTcpPort(port).withRetries(1, Duration.ofMillis(50))
                .withRate(rate, 0).withBind(new InetSocketAddress(ip(1), 0));
        SweepStats stats = new Sweeper(clock).run(plan, h -> { }, sends::add);
        assertThat(sends).hasSize((int) stats.sent());
        assertThat(stats.sent()).isGreaterThanOrEqualTo(768);
        // Count the requests in every window of one (fake) second that starts at a send.
        int burst = (int) SweepRun.burst(rate);
        Map<Long, Integer> worst = new TreeMap<>(); // where the busiest windows start (for a failure message)
        int most = 0;
        for (int i = 0, j = 0; i < sends.size(); i++) {
            while (j < sends.size() && sends.get(j) < sends.get(i) + 1_000_000_000L) {
                j++;
            }
            if (j - i > most) {
                most = j - i;
                worst.put(sends.get(i), most);
            }
        }
        assertThat(most).as("requests in the busiest second (rate %d/s, burst %d)", rate, burst)
                .isLessThanOrEqualTo(rate + burst).isGreaterThanOrEqualTo(rate - burst);
    }
}

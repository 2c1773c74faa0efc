package org.phonecontroller.protocols.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.phonecontroller.protocols.Endpoint;
import org.phonecontroller.protocols.FailureReason;
import org.phonecontroller.protocols.ProbeResult;
import org.phonecontroller.protocols.Transport;
import org.phonecontroller.protocols.sweep.AddressSpan;
import org.phonecontroller.protocols.sweep.SweepHit;
import org.phonecontroller.protocols.sweep.SweepKind;
import org.phonecontroller.protocols.sweep.SweepPlan;
import org.phonecontroller.protocols.sweep.SweepStats;
import org.phonecontroller.protocols.sweep.Sweeper;
import org.phonecontroller.protocols.testpeers.Kamailio;
import org.phonecontroller.protocols.testpeers.Loopback;

/** The OPTIONS probe against a real registrar: Kamailio up, killed, hung and resumed. */
class KamailioInteropTest {

    private Kamailio kamailio;
    private SipOptionsProbe probe;

    @BeforeEach
    void startKamailio() throws Exception {
        InetAddress ip = Loopback.randomAddress();
        kamailio = Kamailio.start(ip, Loopback.freePort(ip));
        probe = new SipOptionsProbe(ProbeSettings.defaults().withTimeout(Duration.ofMillis(400)));
    }

    @AfterEach
    void stop() {
        if (probe != null) {
            probe.close();
        }
        if (kamailio != null) {
            kamailio.close();
        }
    }

    private ProbeResult probeOnce(Transport transport) throws Exception {
        return probe.probe(new Endpoint("kamailio", kamailio.address(), transport)).get(3, TimeUnit.SECONDS);
    }

    private void awaitUp(Transport transport) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .alias("kamailio answers OPTIONS over " + transport + "; its output:\n" + kamailio.output())
                .until(() -> probeOnce(transport) instanceof ProbeResult.Up);
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    void seesKamailioUpThenRefusedOnceItIsKilled(Transport transport) throws Exception {
        awaitUp(transport);
        kamailio.kill();
        assertThat(probeOnce(transport)).isInstanceOfSatisfying(ProbeResult.Down.class,
                d -> assertThat(d.reason()).as(d.detail()).isEqualTo(FailureReason.REFUSED));
    }

    @org.junit.jupiter.api.Test
    void aSipSweepFindsKamailioByItsServerHeader() throws Exception {
        awaitUp(Transport.UDP);
        InetAddress ip = InetAddress.getByName(kamailio.address().host());
        byte[] b = ip.getAddress();
        var span = new AddressSpan(InetAddress.getByAddress(new byte[] {b[0], b[1], b[2], 1}),
                InetAddress.getByAddress(new byte[] {b[0], b[1], b[2], (byte) 254}));
        var hits = new java.util.ArrayList<SweepHit>();
        SweepStats stats = new Sweeper().run(SweepPlan.of(java.util.List.of(span), java.util.Set.of(SweepKind.SIP),
                        "unused").withPorts(161, kamailio.address().port()).withRetries(0, Duration.ofMillis(500))
                .withBind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0)), hits::add);
        assertThat(hits).singleElement().satisfies(h -> {
            assertThat(h.address()).isEqualTo(ip);
            assertThat(h.userAgent()).isEqualTo("kamailio-test");
        });
        assertThat(stats.sent()).isEqualTo(254);
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    void seesAHungKamailioTimeOutAndComeBackWhenItResumes(Transport transport) throws Exception {
        awaitUp(transport);
        kamailio.hang();
        try {
            assertThat(probeOnce(transport)).isInstanceOfSatisfying(ProbeResult.Down.class,
                    d -> assertThat(d.reason()).as(d.detail()).isEqualTo(FailureReason.TIMEOUT));
        } finally {
            kamailio.resume();
        }
        awaitUp(transport);
    }
}

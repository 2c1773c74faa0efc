package org.phonecontroller.protocols.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.phonecontroller.protocols.Endpoint;
import org.phonecontroller.protocols.FailureReason;
import org.phonecontroller.protocols.HealthProbe;
import org.phonecontroller.protocols.ProbeResult;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.Transport;
import org.phonecontroller.protocols.testpeers.Loopback;
import org.phonecontroller.protocols.testpeers.Snmpd;

/** The tcp, http and snmp probes against real listeners on loopback, and the factory. */
class SimpleProbesTest {

    /** The JDK HttpClient's first request in a JVM is slow (class loading): do not let that decide the test. */
    private static final ProbeSettings HTTP = ProbeSettings.defaults().withTimeout(Duration.ofSeconds(3));

    private final InetAddress ip = Loopback.randomAddress();
    private final int port = Loopback.freePort(ip);
    private final Endpoint endpoint = new Endpoint("pm", new ServerAddress(ip.getHostAddress(), port), Transport.TCP);

    private static ProbeResult run(HealthProbe probe, Endpoint endpoint) throws Exception {
        return probe.probe(endpoint).get(5, TimeUnit.SECONDS);
    }

    private static void assertDown(ProbeResult r, FailureReason reason) {
        assertThat(r).isInstanceOfSatisfying(ProbeResult.Down.class,
                d -> assertThat(d.reason()).as(d.detail()).isEqualTo(reason));
    }

    @Test
    void tcpIsUpWhileTheServerAcceptsAndRefusedWhenNothingListens() throws Exception {
        try (var probe = HealthProbes.create("tcp", ProbeSettings.defaults())) {
            try (var server = new ServerSocket(port, 10, ip)) {
                assertThat(run(probe, endpoint)).isInstanceOf(ProbeResult.Up.class);
            }
            assertDown(run(probe, endpoint), FailureReason.REFUSED);
        }
    }

    @Test
    void httpJudgesTheStatusCode() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(ip, port), 10);
        server.createContext("/ok", x -> {
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        server.createContext("/moved", x -> {
            x.getResponseHeaders().add("Location", "/ok");
            x.sendResponseHeaders(302, -1);
            x.close();
        });
        server.createContext("/broken", x -> {
            x.sendResponseHeaders(500, -1);
            x.close();
        });
        server.start();
        try (var ok = new HttpProbe(HTTP.withHttp("http", "/ok", Set.of()));
             var moved = new HttpProbe(HTTP.withHttp("http", "/moved", Set.of()));
             var broken = new HttpProbe(HTTP.withHttp("http", "/broken", Set.of()));
             var strict = new HttpProbe(HTTP.withHttp("http", "/moved", Set.of(200)))) {
            assertThat(run(ok, endpoint)).isInstanceOf(ProbeResult.Up.class);
            assertThat(run(moved, endpoint)).isInstanceOf(ProbeResult.Up.class);
            assertDown(run(broken, endpoint), FailureReason.ERROR_REPLY);
            assertDown(run(strict, endpoint), FailureReason.ERROR_REPLY);
            server.stop(0);
            assertDown(run(ok, endpoint), FailureReason.REFUSED);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void snmpIsUpWhenTheAgentAnswersAndTimesOutForAWrongCommunity() throws Exception {
        var udp = new Endpoint("pm", endpoint.address(), Transport.UDP);
        try (var snmpd = Snmpd.start(ip, port, "probe-community", "Test agent", ".1.3.6.1.4.1.8072.3.2.10");
             var probe = new SnmpGetProbe(ProbeSettings.defaults().withSnmpCommunity("probe-community"));
             var wrong = new SnmpGetProbe(ProbeSettings.defaults().withSnmpCommunity("wrong")
                     .withTimeout(Duration.ofMillis(200)))) {
            await().atMost(Duration.ofSeconds(15)).alias("snmpd answers; its output:\n" + snmpd.output())
                    .until(() -> run(probe, udp) instanceof ProbeResult.Up);
            assertDown(run(wrong, udp), FailureReason.TIMEOUT);
        }
    }

    @Test
    void theFactoryBuildsEveryKindAndNamesTheKnownOnesForATypo() {
        for (String kind : HealthProbes.KINDS) {
            try (HealthProbe p = HealthProbes.create(kind.toUpperCase(), ProbeSettings.defaults())) {
                assertThat(p.kind()).isEqualTo(kind);
            }
        }
        assertThatThrownBy(() -> HealthProbes.create("sip-option", ProbeSettings.defaults()))
                .hasMessage("unknown probe kind 'sip-option' (known: sip-options, tcp, http, snmp)");
    }

    @Test
    void settingsRefuse408AsUpAndNeverPrintTheCommunity() {
        assertThatThrownBy(() -> ProbeSettings.defaults().withSipAcceptedCodes(Set.of(200, 408)))
                .hasMessageContaining("408");
        assertThatThrownBy(() -> ProbeSettings.defaults().withTimeout(Duration.ZERO))
                .hasMessageContaining("timeout");
        assertThat(ProbeSettings.defaults().withSnmpCommunity("s3cret").toString()).doesNotContain("s3cret");
    }
}

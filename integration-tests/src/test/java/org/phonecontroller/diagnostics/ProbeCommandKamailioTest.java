package org.phonecontroller.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.phonecontroller.daemon.admin.AdminJson;
import org.phonecontroller.lab.Ports;
import org.phonecontroller.protocols.testpeers.Kamailio;

/** {@code phonectl probe} against a real Kamailio: up, killed (refused), hung (timeout). */
class ProbeCommandKamailioTest {

    Kamailio kamailio;

    @BeforeEach
    void startKamailio() throws Exception {
        kamailio = Kamailio.start(InetAddress.getByName("127.45.1.10"), Ports.freeUdpAndTcp("127.45.1.10"));
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .alias("Kamailio answers OPTIONS; its output:\n" + kamailio.output())
                .until(() -> Cli.phonectl("probe", kamailio.address().toString()).exitCode() == 0);
    }

    @AfterEach
    void stop() {
        if (kamailio != null) {
            kamailio.close();
        }
    }

    @Test
    void printsUpWithTheLatencyAndExitsZeroWhileKamailioAnswers() {
        Cli udp = Cli.phonectl("probe", kamailio.address().toString());
        Cli tcp = Cli.phonectl("probe", kamailio.address().toString(), "--transport", "tcp", "--timeout", "1s");

        assertThat(udp.exitCode()).as(udp.toString()).isZero();
        assertThat(udp.out()).as(udp.toString()).matches("UP \\d+\\.\\d ms\\R");
        assertThat(tcp.exitCode()).as(tcp.toString()).isZero();
        assertThat(tcp.out()).matches("UP \\d+\\.\\d ms\\R");
    }

    @Test
    void writesOnlyJsonOnStdoutWithJson() throws Exception {
        Cli run = Cli.phonectl("probe", kamailio.address().toString(), "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        var json = AdminJson.mapper().readTree(run.out());
        assertThat(json.get("state").asText()).isEqualTo("UP");
        assertThat(json.get("target").asText()).isEqualTo(kamailio.address().toString());
        assertThat(json.get("latencyMillis").asDouble()).isPositive();
    }

    @Test
    void saysRefusedAndExitsOneOnceKamailioIsKilled() {
        kamailio.kill();

        Cli udp = Cli.phonectl("probe", kamailio.address().toString());
        Cli tcp = Cli.phonectl("probe", kamailio.address().toString(), "--transport", "tcp");

        assertThat(udp.exitCode()).as(udp.toString()).isEqualTo(1);
        assertThat(udp.out()).as(udp.toString()).startsWith("DOWN refused: ");
        assertThat(tcp.exitCode()).as(tcp.toString()).isEqualTo(1);
        assertThat(tcp.out()).as(tcp.toString()).startsWith("DOWN refused: ");
    }

    @Test
    void saysTimeoutAndExitsOneWhileKamailioIsHung() {
        kamailio.hang();

        Cli run = Cli.phonectl("probe", kamailio.address().toString(), "--timeout", "300ms", "--json");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("\"state\" : \"DOWN\"").contains("\"reason\" : \"TIMEOUT\"");
        Cli human = Cli.phonectl("probe", kamailio.address().toString(), "--timeout", "300ms");
        assertThat(human.out()).as(human.toString()).startsWith("DOWN timeout: ");
    }

    @Test
    void refusesAnUnknownKindAsAUsageError() {
        Cli run = Cli.phonectl("probe", kamailio.address().toString(), "--kind", "sip-option");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown probe kind 'sip-option' (known: sip-options, tcp, http, snmp)");
        assertThat(run.out()).isEmpty();
    }
}

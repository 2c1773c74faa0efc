package org.phonecontroller.protocols.registrar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.phonecontroller.protocols.FailureReason;
import org.phonecontroller.protocols.testpeers.Kamailio;
import org.phonecontroller.protocols.testpeers.Loopback;
import org.phonecontroller.protocols.testpeers.Sipp;

/** {@code kamailio-jsonrpc} against Debian's Kamailio (xhttp + jsonrpcs), phones registered by SIPp's REGISTERs. */
class KamailioRegistrarInteropTest {

    private Kamailio kamailio;
    private KamailioJsonRpcClient client;

    @BeforeEach
    void start() throws Exception {
        InetAddress ip = RegistrarTestAddresses.random();
        kamailio = Kamailio.withJsonRpc(ip, Loopback.freePort(ip));
        client = new KamailioJsonRpcClient(kamailio.jsonRpcUrl(), RegistrarLimits.DEFAULTS
                .withTimeout(Duration.ofMillis(800)));
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .alias("Kamailio answers ul.dump; its output:\n" + kamailio.output())
                .ignoreExceptions().until(() -> client.dump().get(3, TimeUnit.SECONDS) != null);
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (kamailio != null) {
            kamailio.close();
        }
    }

    @Test
    void listsThePhonesThatRegisteredWithTheirAddressAndUserAgent() throws Exception {
        assertThat(client.dump().get(3, TimeUnit.SECONDS).contacts()).isEmpty();
        InetAddress phone = RegistrarTestAddresses.random();
        InetAddress other = RegistrarTestAddresses.random();
        try (Sipp sipp = Sipp.registeringOnce(phone, Loopback.freePort(phone), kamailio.address(), "100",
                "Yealink SIP-T46U 108.86.0.45")) {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .alias("ul.dump lists the REGISTER of " + phone.getHostAddress() + "; SIPp:\n" + sipp.output())
                    .until(() -> client.dump().get(3, TimeUnit.SECONDS).registeredAddresses()
                            .contains(phone.getHostAddress()));
        }
        RegistrarDump dump = client.dump().get(3, TimeUnit.SECONDS);
        assertThat(dump.contacts()).singleElement().satisfies(c -> {
            assertThat(c.aor()).startsWith("100");
            assertThat(c.address()).contains(phone.getHostAddress());
            assertThat(c.userAgent()).isEqualTo("Yealink SIP-T46U 108.86.0.45");
        });
        assertThat(dump.registeredAddresses()).doesNotContain(other.getHostAddress());
    }

    @Test
    void aKilledKamailioIsUnknownNotEmpty() {
        kamailio.kill();
        Throwable t = catchThrowable(() -> client.dump().get(5, TimeUnit.SECONDS));
        assertThat(t).isInstanceOf(ExecutionException.class).cause().isInstanceOfSatisfying(RegistrarException.class,
                e -> assertThat(e.reason()).isIn(FailureReason.REFUSED, FailureReason.UNREACHABLE));
    }

    @Test
    void aHungKamailioIsUnknownWithinTheTimeout() {
        kamailio.hang();
        Throwable t = catchThrowable(() -> client.dump().get(5, TimeUnit.SECONDS));
        assertThat(t).isInstanceOf(ExecutionException.class).cause().isInstanceOfSatisfying(RegistrarException.class,
                e -> assertThat(e.reason()).isEqualTo(FailureReason.TIMEOUT));
    }
}

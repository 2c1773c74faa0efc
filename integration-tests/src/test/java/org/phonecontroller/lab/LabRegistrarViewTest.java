package org.phonecontroller.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phonecontroller.lab.internal.ControlApiServer;
import org.phonecontroller.protocols.registrar.KamailioJsonRpcClient;
import org.phonecontroller.protocols.registrar.RegistrarDump;
import org.phonecontroller.protocols.registrar.RegistrarException;
import org.phonecontroller.protocols.registrar.RegistrarLimits;

/**
 * The lab's PhoneManagers answer Kamailio's JSON-RPC {@code ul.dump} on the control API, so the daemon's
 * {@code kamailio-jsonrpc} registrar view (the same client) can read them in scenarios and benchmarks.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class LabRegistrarViewTest {
    private static PhoneLab lab;
    private static ControlApiServer api;

    @BeforeAll
    static void start() throws Exception {
        lab = TestLabs.start("""
                httpPort: HTTP_PORT
                timers: { registerExpires: 60s, startupSpread: 100ms }
                phoneManagers: { pm-a: 127.68.200.10:5060, pm-b: 127.68.201.10:5060 }
                phones:
                  - { addresses: 127.68.210.0/24, count: 12, vendor: polycom-rest, registeredTo: pm-a }
                  - { addresses: 127.68.211.1-127.68.211.3, vendor: yealink, registeredTo: pm-b }
                """);
        api = new ControlApiServer(lab, new InetSocketAddress("127.0.0.1", 0));
        api.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> lab.summary().registered() == 15);
    }

    @AfterAll
    static void stop() {
        api.close();
        lab.close();
    }

    private KamailioJsonRpcClient client(String pm) {
        return new KamailioJsonRpcClient(URI.create("http://127.0.0.1:" + api.address().getPort() + "/phone-managers/"
                + pm + "/RPC"), RegistrarLimits.DEFAULTS.withTimeout(Duration.ofSeconds(2)));
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void eachPhoneManagerListsThePhonesRegisteredThereAsKamailioWould() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> lab.summary().registered() == 15);
        try (var a = client("pm-a"); var b = client("pm-b")) {
            RegistrarDump dumpA = a.dump().get(5, TimeUnit.SECONDS);
            RegistrarDump dumpB = b.dump().get(5, TimeUnit.SECONDS);
            assertThat(dumpA.contacts()).hasSize(12);
            assertThat(dumpA.registeredAddresses()).contains("127.68.210.1").doesNotContain("127.68.211.1");
            assertThat(dumpB.registeredAddresses()).containsExactlyInAnyOrder("127.68.211.1", "127.68.211.2",
                    "127.68.211.3");
        }
    }

    @Test
    @org.junit.jupiter.api.Order(2) // last: the restart empties pm-b's location table until the phones refresh
    void aKilledPhoneManagersRegistrarDoesNotAnswer() {
        try (var b = client("pm-b")) {
            lab.killPhoneManager("pm-b");
            Throwable t = catchThrowable(() -> b.dump().get(5, TimeUnit.SECONDS));
            assertThat(t).isInstanceOf(ExecutionException.class).cause().isInstanceOf(RegistrarException.class);
        } finally {
            lab.restartPhoneManager("pm-b");
        }
    }
}

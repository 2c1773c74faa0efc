package org.phonecontroller.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.phonecontroller.protocols.testpeers.Kamailio;

/**
 * A provisioning-driven lab Yealink registers at real Kamailio registrars: at boot to server 1 of its file, and after
 * NOTIFY check-sync to server 1 of the changed file, without rebooting (its file set sip.notify_reboot_enable = 0).
 */
class ProvisionedPhonesKamailioTest {
    private static final String PHONE = "127.74.6.1";
    private Kamailio first;
    private Kamailio second;
    private ProvisionedPhoneFiles files;
    private PhoneLab lab;

    @AfterEach
    void stop() {
        if (lab != null) {
            lab.close();
        }
        if (files != null) {
            files.close();
        }
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    @Test
    void aYealinkMovesBetweenKamailioRegistrarsAsItsFileSaysAfterCheckSync() throws Exception {
        first = Kamailio.start(InetAddress.getByName("127.74.5.10"), Ports.freeUdpAndTcp("127.74.5.10"));
        second = Kamailio.start(InetAddress.getByName("127.74.5.11"), Ports.freeUdpAndTcp("127.74.5.11"));
        String a = first.address().toString();
        String b = second.address().toString();
        files = new ProvisionedPhoneFiles("127.74.5.5");
        files.put("805ec04a0601.cfg", file(first, second));
        lab = TestLabs.start("""
                httpPort: HTTP_PORT
                timers: { registerExpires: 60s, registerTimeout: 2s, t1: 200ms, startupSpread: 100ms,
                          retryAfterFailure: 500ms }
                phoneManagers: { unused: 127.74.5.20:5060 }
                phones:
                  - { addresses: 127.74.6.1, vendor: yealink, provisioning: { url: "URL", bootDelay: 1s } }
                """.replace("URL", files.url()));
        // Kamailio starts in the background: until it answers, the phone retries (Timer F, then server 2, ...)
        await().atMost(Duration.ofSeconds(20)).alias("registered at the first Kamailio; its output:\n"
                + first.output()).until(() -> registeredTo().equals(Optional.of(a)));

        files.put("805ec04a0601.cfg", file(second, first));
        assertThat(SipNotifier.notify("127.74.5.9", PHONE, "check-sync")).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> registeredTo().equals(Optional.of(b)));
        var view = lab.phone(PHONE).orElseThrow();
        assertThat(view.servers()).containsExactly(b, a);
        assertThat(view.provisioning().orElseThrow().reboots()).isZero();
    }

    private static String file(Kamailio server1, Kamailio server2) {
        return "#!version:1.0.0.1\n"
                + "sip.notify_reboot_enable = 0\n"
                + "account.1.enable = 1\n"
                + "account.1.user_name = 1001\n"
                + "account.1.sip_server.1.address = " + server1.address().host() + "\n"
                + "account.1.sip_server.1.port = " + server1.address().port() + "\n"
                + "account.1.sip_server.2.address = " + server2.address().host() + "\n"
                + "account.1.sip_server.2.port = " + server2.address().port() + "\n";
    }

    private Optional<String> registeredTo() {
        return lab.phone(PHONE).orElseThrow().registeredTo();
    }
}

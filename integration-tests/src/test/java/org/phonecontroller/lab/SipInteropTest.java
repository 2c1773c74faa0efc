package org.phonecontroller.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lab's phones and PhoneManagers answer SIPp like SIP devices do; kill and hang look real from outside. */
class SipInteropTest {
    private static final String PM_A = "127.31.1.30:5060";
    private static final String PM_C = "127.31.1.32:5060";
    private static final Map<String, String> PROVISIONING = new ConcurrentHashMap<>();
    private static HttpServer provisioningServer;
    private static PhoneLab lab;

    @BeforeAll
    static void startLab() throws Exception {
        provisioningServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        provisioningServer.createContext("/", exchange -> {
            String file = PROVISIONING.get(exchange.getRequestURI().getPath());
            byte[] body = file == null ? new byte[0] : file.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(file == null ? 404 : 200, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        provisioningServer.start();
        lab = TestLabs.start("""
                httpPort: HTTP_PORT
                timers: { registerExpires: 60s, registerTimeout: 2s, startupSpread: 100ms }
                phoneManagers: { pm-a: 127.31.1.30:5060, pm-b: 127.31.1.31:5060, pm-c: 127.31.1.32:5060 }
                phones:
                  - { addresses: 127.31.5.1, vendor: polycom-rest, registeredTo: pm-a }
                  - { addresses: 127.31.5.2, vendor: snom, registeredTo: pm-a }
                  - { addresses: 127.31.5.3, vendor: grandstream, registeredTo: pm-a }
                  - { addresses: 127.31.5.4, vendor: yealink, registeredTo: pm-a,
                      provisioningUrl: "http://127.0.0.1:PROV_PORT/{mac}.cfg" }
                  - { addresses: 127.31.5.5, vendor: snmp-cisco-sip-ua, registeredTo: pm-a }
                """.replace("PROV_PORT", Integer.toString(provisioningServer.getAddress().getPort())));
    }

    @AfterAll
    static void stopLab() {
        lab.close();
        provisioningServer.stop(0);
    }

    @Test
    void everyPhoneAnswersOptionsWithItsVendorsUserAgent() {
        Map<String, String> expected = Map.of("127.31.5.1", "PolycomVVX-VVX_450-UA/6.4.3.5018",
                "127.31.5.2", "snom D785/10.1.73.16", "127.31.5.3", "Grandstream GXP2170 1.0.11.23",
                "127.31.5.4", "Yealink SIP-T54W 96.86.0.70");
        expected.forEach((phone, userAgent) -> {
            Sipp.Run run = Sipp.run("options.xml", phone + ":5060", "phone", "u1");
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.log()).contains("USER-AGENT: " + userAgent);
        });
    }

    @Test
    void phonesRegisterFromTheirOwnAddressesAtTheirServer() {
        await().atMost(Duration.ofSeconds(10)).until(() -> lab.summary().registered() == 5);
        var pm = lab.phoneManager("pm-a", true);
        assertThat(pm.registrations()).extracting(LabViews.Registration::source)
                .contains("UDP:127.31.5.1:5060", "UDP:127.31.5.5:5060");
        assertThat(pm.registrations()).extracting(LabViews.Registration::userAgent)
                .contains("snom D785/10.1.73.16");
    }

    @Test
    void thePhoneManagerAcceptsARegisterOverUdpAndTcpAndKnowsWhoIsRegistered() {
        Sipp.Run udp = Sipp.run("register.xml", "127.31.1.31:5060", "alice", "u1");
        assertThat(udp.exitCode()).as(udp.output()).isZero();
        assertThat(udp.log()).contains("CONTACT: <sip:alice@127.0.0.1:").contains(";expires=60");
        Sipp.Run tcp = Sipp.run("register.xml", "127.31.1.31:5060", "bob", "t1");
        assertThat(tcp.exitCode()).as(tcp.output()).isZero();
        assertThat(lab.phoneManager("pm-b", true).registrations()).extracting(LabViews.Registration::aor)
                .contains("sip:alice@127.31.1.31", "sip:bob@127.31.1.31");
        assertThat(lab.stats("pm-b").registers()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aYealinkFetchesItsProvisioningOnCheckSyncAndMovesToTheNewServer() {
        String phone = "127.31.5.4";
        await().atMost(Duration.ofSeconds(10)).until(() -> registeredTo(phone).equals(Optional.of("pm-a")));
        PROVISIONING.put("/805ec01f0504.cfg", """
                #!version:1.0.0.1
                account.1.sip_server.1.address = 127.31.1.31
                account.1.sip_server.1.port = 5060
                account.1.sip_server.2.address = 127.31.1.30
                """);
        Sipp.Run notify = Sipp.run("notify-check-sync.xml", phone + ":5060", "phone", "u1");
        assertThat(notify.exitCode()).as(notify.output()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> registeredTo(phone).equals(Optional.of("pm-b")));
        assertThat(lab.phone(phone).orElseThrow().servers()).containsExactly("127.31.1.31:5060", "127.31.1.30:5060");
    }

    @Test
    void aKilledPhoneManagerIsRefusedAHungOneTimesOutAndARestartedOneAnswers() throws Exception {
        assertThat(Sipp.run("options.xml", PM_C, "pm", "u1").exitCode()).isZero();

        lab.killPhoneManager("pm-c");
        assertThat(lab.phoneManager("pm-c", false).state()).isEqualTo(PhoneManagerState.KILLED);
        assertThatThrownBy(() -> optionsOverConnectedUdp(PM_C)).isInstanceOf(PortUnreachableException.class);
        Sipp.Run refused = Sipp.run("options.xml", PM_C, "pm", "t1");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("Connection refused");

        lab.restartPhoneManager("pm-c");
        lab.hangPhoneManager("pm-c");
        Sipp.Run hung = Sipp.run("options.xml", PM_C, "pm", "u1");
        assertThat(hung.exitCode()).isNotZero();
        assertThat(hung.log()).doesNotContain("SERVER:");

        lab.restartPhoneManager("pm-c");
        Sipp.Run restarted = Sipp.run("options.xml", PM_C, "pm", "u1");
        assertThat(restarted.exitCode()).as(restarted.output()).isZero();
        assertThat(restarted.log()).contains("SERVER: PhoneLab-PhoneManager/pm-c");
    }

    @Test
    void aPhoneManagerWithFullProbeLossIgnoresOptionsButStillRegisters() {
        lab.setProbeLoss("pm-c", 1.0);
        try {
            assertThat(Sipp.run("options.xml", PM_C, "pm", "u1").exitCode()).isNotZero();
            assertThat(Sipp.run("register.xml", PM_C, "carol", "u1").exitCode()).isZero();
            assertThat(lab.stats("pm-c").optionsDropped()).isPositive();
        } finally {
            lab.setProbeLoss("pm-c", 0);
        }
    }

    private static Optional<String> registeredTo(String phone) {
        return lab.phone(phone).orElseThrow().registeredTo();
    }

    /** A connected UDP socket sees the kernel's ICMP port unreachable as an exception (the daemon's probe too). */
    private static void optionsOverConnectedUdp(String target) throws Exception {
        String host = target.substring(0, target.indexOf(':'));
        try (DatagramChannel ch = DatagramChannel.open()) {
            ch.connect(new InetSocketAddress(host, 5060));
            String msg = "OPTIONS sip:pm@" + target + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:1;branch=z9hG4bKicmp\r\n"
                    + "From: <sip:t@127.0.0.1>;tag=1\r\nTo: <sip:pm@" + target + ">\r\nCall-ID: icmp@127.0.0.1\r\n"
                    + "CSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
            ch.write(ByteBuffer.wrap(msg.getBytes(StandardCharsets.UTF_8)));
            ch.configureBlocking(true);
            ch.socket().setSoTimeout(2000);
            ch.socket().receive(new java.net.DatagramPacket(new byte[2048], 2048));
        }
    }
}

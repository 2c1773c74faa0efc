package org.phonecontroller.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Simulated phones behave like the firmware they stand for: slow failover, busy deferral, reboots, misbehaviour. */
class PhoneBehaviourTest {
    private PhoneLab lab;
    private int httpPort;

    @BeforeEach
    void startLab() {
        lab = TestLabs.start("""
                httpPort: HTTP_PORT
                timers: { registerExpires: 3s, registerTimeout: 2s, t1: 200ms, startupSpread: 100ms,
                          retryAfterFailure: 500ms }
                phoneManagers: { pm-a: 127.31.1.40:5060, pm-b: 127.31.1.41:5060 }
                phones:
                  - { addresses: 127.31.6.1-127.31.6.4, vendor: polycom-rest, registeredTo: pm-a, backup: pm-b,
                      busyPolicy: defer, http: { user: Polycom, password: pw } }
                  - { addresses: 127.31.6.10, vendor: grandstream, registeredTo: pm-a }
                """);
        httpPort = lab.config().ports().http();
        await().atMost(Duration.ofSeconds(10)).until(() -> lab.summary().registered() == 5);
    }

    @AfterEach
    void stopLab() {
        lab.close();
    }

    @Test
    void phonesFailOverToTheirSecondServerOnlyAfterTheirOwnRegisterTimeout() {
        long killedAt = System.nanoTime();
        lab.killPhoneManager("pm-a");
        await().atMost(Duration.ofSeconds(15)).until(() -> registeredTo("127.31.6.1").equals(Optional.of("pm-b")));
        long seconds = (System.nanoTime() - killedAt) / 1_000_000_000L;
        // The phone notices only at its next refresh and then retransmits for the whole Timer F (2 s here).
        assertThat(seconds).isGreaterThanOrEqualTo(2);
        // A phone without a second server keeps trying its only one and drops its registration at Timer F.
        await().atMost(Duration.ofSeconds(10)).until(() -> registeredTo("127.31.6.10").isEmpty());
        assertThat(lab.phone("127.31.6.10").orElseThrow().registration()).isEqualTo("REGISTERING");
        assertThat(lab.phoneManager("pm-b", true).registrations()).extracting(LabViews.Registration::source)
                .contains("UDP:127.31.6.1:5060");
    }

    @Test
    void aBusyPhoneStoresAChangeAndAppliesItWhenTheCallEnds() {
        String phone = "127.31.6.2";
        lab.setBusy(phone, true);
        assertThat(configSet(phone, "127.31.1.41")).isEqualTo("{\"Status\":\"2000\"}200");
        var view = lab.phone(phone).orElseThrow();
        assertThat(view.pendingServers()).contains(List.of("127.31.1.41:5060", "127.31.1.41:5060"));
        assertThat(view.registeredTo()).contains("pm-a");
        lab.setBusy(phone, false);
        await().atMost(Duration.ofSeconds(5)).until(() -> registeredTo(phone).equals(Optional.of("pm-b")));
        assertThat(lab.stats("pm-b").configChanges()).isEqualTo(1);
    }

    @Test
    void aPhoneSetToRebootAfterAChangeIsSilentMeanwhileAndThenRegistersAtItsNewServer() {
        String phone = "127.31.6.3";
        lab.misbehave(phone, new Misbehaviour(Duration.ZERO, 0, 0, false, Duration.ofSeconds(2)));
        assertThat(configSet(phone, "127.31.1.41")).endsWith("200");
        assertThat(lab.phone(phone).orElseThrow().registration()).isEqualTo("REBOOTING");
        assertThat(curl("--max-time", "1", "-u", "Polycom:pw", url(phone, "/api/v1/mgmt/lineInfo")).out())
                .isEqualTo("000");
        await().atMost(Duration.ofSeconds(8)).until(() -> registeredTo(phone).equals(Optional.of("pm-b")));
    }

    @Test
    void aSlowPhoneRepliesLateAndADroppingPhoneSometimesNotAtAll() {
        String phone = "127.31.6.4";
        lab.misbehave(phone, new Misbehaviour(Duration.ofMillis(1500), 0, 0, false, Duration.ZERO));
        assertThat(curl("--max-time", "1", "-u", "Polycom:pw", url(phone, "/api/v1/mgmt/lineInfo")).out())
                .isEqualTo("000");
        assertThat(curl("--max-time", "4", "-u", "Polycom:pw", url(phone, "/api/v1/mgmt/lineInfo")).out())
                .endsWith("200");
        lab.misbehave(phone, new Misbehaviour(Duration.ZERO, 1.0, 0, false, Duration.ZERO));
        assertThat(Sipp.run("options.xml", phone + ":5060", "phone", "u1").exitCode()).isNotZero();
        lab.misbehave(phone, new Misbehaviour(Duration.ZERO, 0, 1.0, false, Duration.ZERO));
        assertThat(curl("--max-time", "2", "-u", "Polycom:pw", url(phone, "/api/v1/mgmt/lineInfo")).out())
                .doesNotContain("\"Status\":\"2000\"");
        lab.misbehave(phone, Misbehaviour.NONE);
        assertThat(Sipp.run("options.xml", phone + ":5060", "phone", "u1").exitCode()).isZero();
    }

    private Optional<String> registeredTo(String phone) {
        return lab.phone(phone).orElseThrow().registeredTo();
    }

    private String configSet(String phone, String server) {
        return curl("-u", "Polycom:pw", "-X", "POST", "-d", "{\"data\":{\"reg.1.server.1.address\":\"" + server
                + "\"}}", url(phone, "/api/v1/mgmt/config/set")).out();
    }

    private String url(String phone, String path) {
        return "http://" + phone + ":" + httpPort + path;
    }

    private static ExternalTool.Result curl(String... args) {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "-w", "%{http_code}"));
        cmd.addAll(List.of(args));
        return ExternalTool.run(Duration.ofSeconds(10), cmd);
    }
}

package org.phonecontroller.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lab's HTTP phones answer curl with the request shapes of the vendors' documentation. */
class VendorHttpInteropTest {
    private static final String POLYCOM = "127.31.3.1";
    private static final String POLYCOM_BUSY = "127.31.3.2";
    private static final String SNOM = "127.31.3.10";
    private static final String GRANDSTREAM = "127.31.3.20";
    private static PhoneLab lab;
    private static int port;

    @BeforeAll
    static void startLab() {
        lab = TestLabs.start("""
                httpPort: HTTP_PORT
                timers: { registerExpires: 60s, registerTimeout: 2s, startupSpread: 100ms }
                phoneManagers: { pm-a: 127.31.1.20:5060, pm-b: 127.31.1.21:5060 }
                phones:
                  - { addresses: 127.31.3.1-127.31.3.3, vendor: polycom-rest, registeredTo: pm-a, backup: pm-b,
                      http: { user: Polycom, password: lab-secret } }
                  - { addresses: 127.31.3.10, vendor: snom, registeredTo: pm-a, http: { user: admin, password: snom-pw } }
                  - { addresses: 127.31.3.20-127.31.3.21, vendor: grandstream, registeredTo: pm-a, backup: pm-b,
                      http: { user: admin, password: gs-pw } }
                """);
        port = lab.config().ports().http();
    }

    @AfterAll
    static void stopLab() {
        lab.close();
    }

    @Test
    void polycomAppliesConfigSetWithBasicAuthAndReRegistersAtTheNewServer() {
        await().atMost(Duration.ofSeconds(10)).until(() -> registeredTo(POLYCOM).equals(Optional.of("pm-a")));
        var r = curl("-u", "Polycom:lab-secret", "-X", "POST", "-H", "Content-Type: application/json", "-d",
                "{\"data\":{\"reg.1.server.1.address\":\"127.31.1.21\",\"reg.1.server.1.port\":\"5060\"}}",
                url(POLYCOM, "/api/v1/mgmt/config/set"));
        assertThat(r.out()).isEqualTo("{\"Status\":\"2000\"}200");
        await().atMost(Duration.ofSeconds(10)).until(() -> registeredTo(POLYCOM).equals(Optional.of("pm-b")));
    }

    @Test
    void polycomAnswersConfigGetWithDigestAuth() {
        var r = curl("--digest", "-u", "Polycom:lab-secret", "-X", "POST", "-H", "Content-Type: application/json",
                "-d", "{\"data\":[\"reg.1.server.2.address\",\"reg.1.server.2.port\"]}",
                url("127.31.3.3", "/api/v1/mgmt/config/get"));
        assertThat(r.out()).isEqualTo("{\"Status\":\"2000\",\"data\":{\"reg.1.server.2.address\":\"127.31.1.21\","
                + "\"reg.1.server.2.port\":\"5060\"}}200");
    }

    @Test
    void polycomRejectsWrongCredentialsWith401ForBasicAndDigest() {
        String body = "{\"data\":{\"reg.1.server.1.address\":\"127.31.1.21\"}}";
        assertThat(curl("-u", "Polycom:guess", "-X", "POST", "-d", body, url("127.31.3.3",
                "/api/v1/mgmt/config/set")).out()).endsWith("401");
        assertThat(curl("--digest", "-u", "Polycom:guess", "-X", "POST", "-d", body, url("127.31.3.3",
                "/api/v1/mgmt/config/set")).out()).endsWith("401");
        assertThat(curl("-X", "POST", "-d", body, url("127.31.3.3", "/api/v1/mgmt/config/set")).out())
                .endsWith("401");
        assertThat(lab.phone("127.31.3.3").orElseThrow().servers()).first().isEqualTo("127.31.1.20:5060");
    }

    @Test
    void polycomReportsItsCallInLineInfoAndRefusesChangesWhileBusy() {
        lab.setBusy(POLYCOM_BUSY, true);
        try {
            assertThat(curl("-u", "Polycom:lab-secret", url(POLYCOM_BUSY, "/api/v1/mgmt/lineInfo")).out())
                    .contains("\"CallState\":\"Connected\"").endsWith("200");
            assertThat(curl("-u", "Polycom:lab-secret", "-X", "POST", "-d",
                    "{\"data\":{\"reg.1.server.1.address\":\"127.31.1.21\"}}",
                    url(POLYCOM_BUSY, "/api/v1/mgmt/config/set")).out()).isEqualTo("{\"Status\":\"4001\"}503");
        } finally {
            lab.setBusy(POLYCOM_BUSY, false);
        }
        assertThat(curl("-u", "Polycom:lab-secret", url(POLYCOM_BUSY, "/api/v1/mgmt/lineInfo")).out())
                .contains("\"CallState\":\"Idle\"");
        assertThat(curl("-u", "Polycom:lab-secret", url(POLYCOM_BUSY, "/api/v1/webCallControl/callStatus")).out())
                .isEqualTo("{\"Status\":\"4007\"}200");
    }

    @Test
    void snomSavesUserHost1FromTheDummyPage() {
        var r = curl("-u", "admin:snom-pw", url(SNOM, "/dummy.htm?settings=save&user_host1=127.31.1.21"));
        assertThat(r.out()).endsWith("200");
        assertThat(curl("--digest", "-u", "admin:snom-pw", url(SNOM, "/settings.htm")).out())
                .contains("user_host1!: 127.31.1.21:5060");
        await().atMost(Duration.ofSeconds(10)).until(() -> registeredTo(SNOM).equals(Optional.of("pm-b")));
        assertThat(curl("-u", "admin:nope", url(SNOM, "/dummy.htm?settings=save&user_host1=127.31.1.20")).out())
                .endsWith("401");
    }

    @Test
    void grandstreamLogsInAndSetsP47AndP967WithTheSid() {
        var login = curl("-X", "POST", "-d", "username=admin&password=gs-pw", url(GRANDSTREAM, "/cgi-bin/dologin"));
        assertThat(login.out()).contains("\"response\":\"success\"").endsWith("200");
        Matcher m = Pattern.compile("\"sid\":\"([0-9a-f]+)\"").matcher(login.out());
        assertThat(m.find()).isTrue();
        String sid = m.group(1);
        var post = curl("-X", "POST", "-d", "P47=127.31.1.21&P967=127.31.1.20&sid=" + sid,
                url(GRANDSTREAM, "/cgi-bin/api.values.post"));
        assertThat(post.out()).contains("\"response\":\"success\"").endsWith("200");
        var get = curl(url(GRANDSTREAM, "/cgi-bin/api.values.get?request=P47:P967&sid=" + sid));
        assertThat(get.out()).contains("\"P47\":\"127.31.1.21:5060\"", "\"P967\":\"127.31.1.20:5060\"");
        await().atMost(Duration.ofSeconds(10)).until(() -> registeredTo(GRANDSTREAM).equals(Optional.of("pm-b")));
    }

    @Test
    void grandstreamRefusesABadLoginAndRequestsWithoutASession() {
        assertThat(curl("-X", "POST", "-d", "username=admin&password=wrong", url("127.31.3.21",
                "/cgi-bin/dologin")).out()).contains("\"response\":\"error\"").endsWith("401");
        assertThat(curl(url("127.31.3.21", "/cgi-bin/api.values.get?request=P47&sid=deadbeef")).out())
                .endsWith("401");
    }

    @Test
    void closesConnectionsToAddressesThatAreNoLabPhone() {
        var r = curl(url("127.31.3.99", "/"));
        assertThat(r.out()).isEqualTo("000");
        assertThat(r.exitCode()).isNotZero();
    }

    @Test
    void aPhoneSetToUseWrongCredentialsRejectsTheRightOnes() {
        lab.misbehave("127.31.3.3", new Misbehaviour(Duration.ZERO, 0, 0, true, Duration.ZERO));
        try {
            assertThat(curl("-u", "Polycom:lab-secret", url("127.31.3.3", "/api/v1/mgmt/lineInfo")).out())
                    .endsWith("401");
        } finally {
            lab.misbehave("127.31.3.3", Misbehaviour.NONE);
        }
        assertThat(curl("-u", "Polycom:lab-secret", url("127.31.3.3", "/api/v1/mgmt/lineInfo")).out())
                .endsWith("200");
    }

    private static Optional<String> registeredTo(String phone) {
        return lab.phone(phone).orElseThrow().registeredTo();
    }

    private static String url(String address, String path) {
        return "http://" + address + ":" + port + path;
    }

    /** curl printing the body followed by the HTTP status code. */
    private static ExternalTool.Result curl(String... args) {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "5", "-w", "%{http_code}"));
        cmd.addAll(List.of(args));
        return ExternalTool.run(Duration.ofSeconds(10), cmd);
    }
}

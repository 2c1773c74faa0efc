package org.phonecontroller.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phonecontroller.lab.LabViews.ProvisioningView;

/**
 * Phones that only take provisioning behave as their vendors document: they fetch their files at boot from their
 * own address with the vendor's User-Agent, register to server 1 of what they fetched, and on the vendor's NOTIFY
 * re-fetch — Yealink and Fanvil rebooting unless provisioned not to, Cisco MPP waiting while a call is up.
 */
class ProvisionedPhonesTest {
    private static final String NOTIFIER = "127.74.0.9";
    private static final String PM_A = "127.74.1.10";
    private static final String PM_B = "127.74.1.11";
    private static ProvisionedPhoneFiles files;
    private static PhoneLab lab;

    @BeforeAll
    static void startLab() {
        files = new ProvisionedPhoneFiles("127.74.0.5");
        files.put("y000000000096.cfg", "#!version:1.0.0.1\nlocal_time.time_zone = +1\n");
        files.put("805ec04a0201.cfg", yealink(PM_A, "")); // factory default: check-sync reboots
        files.put("805ec04a0202.cfg", yealink(PM_A, "sip.notify_reboot_enable = 0\n"));
        files.put("805ec04a0203.cfg", "account.1.sip_server.1.address = " + PM_B + "\n"); // no #!version line
        files.put("805ec04a0204.cfg", yealink(PM_A, "sip.notify_reboot_enable = 0\n"));
        files.put("00562b4a0301.xml", cisco(PM_A));
        files.put("0c383e4a0401.cfg", fanvil(PM_A, "0"));
        lab = TestLabs.start("""
                httpPort: HTTP_PORT
                timers: { registerExpires: 60s, registerTimeout: 2s, t1: 200ms, startupSpread: 100ms,
                          retryAfterFailure: 500ms }
                phoneManagers: { pm-a: 127.74.1.10:5060, pm-b: 127.74.1.11:5060 }
                phones:
                  - { addresses: 127.74.2.1-127.74.2.4, vendor: yealink, provisioning: { url: "URL", bootDelay: 1s } }
                  - { addresses: 127.74.3.1, vendor: cisco-mpp, provisioning: { url: "URL" } }
                  - { addresses: 127.74.4.1, vendor: fanvil, provisioning: { url: "URL", bootDelay: 1s } }
                """.replace("URL", files.url()));
        await().atMost(Duration.ofSeconds(10)).until(() -> registeredTo("127.74.2.1").equals(Optional.of("pm-a"))
                && registeredTo("127.74.2.2").equals(Optional.of("pm-a"))
                && registeredTo("127.74.3.1").equals(Optional.of("pm-a"))
                && registeredTo("127.74.4.1").equals(Optional.of("pm-a")));
    }

    @AfterAll
    static void stopLab() {
        lab.close();
        files.close();
    }

    @Test
    void phonesFetchTheirVendorsFilesAtBootFromTheirOwnAddressWithTheVendorsUserAgent() {
        // at boot (other tests make phones fetch again later)
        assertThat(files.requestsFrom("127.74.2.1")).startsWith(
                new ProvisionedPhoneFiles.Request("/prov/y000000000096.cfg",
                        "Yealink SIP-T54W 96.86.0.70 80:5e:c0:4a:02:01", "127.74.2.1"),
                new ProvisionedPhoneFiles.Request("/prov/805ec04a0201.cfg",
                        "Yealink SIP-T54W 96.86.0.70 80:5e:c0:4a:02:01", "127.74.2.1"));
        assertThat(files.requestsFrom("127.74.3.1")).startsWith(new ProvisionedPhoneFiles.Request(
                "/prov/00562b4a0301.xml", "Cisco-CP-8841-3PCC/11.3.7 (00562b4a0301)", "127.74.3.1"));
        assertThat(files.requestsFrom("127.74.4.1")).startsWith(new ProvisionedPhoneFiles.Request(
                "/prov/0c383e4a0401.cfg", "Fanvil X4U 2.12.8.24 0c383e4a0401", "127.74.4.1"));

        ProvisioningView yealink = provisioning("127.74.2.3");
        assertThat(yealink.lastSync()).extracting(LabViews.Fetch::file)
                .containsExactly("y000000000096.cfg", "805ec04a0203.cfg");
        assertThat(yealink.lastSync()).extracting(LabViews.Fetch::status).containsExactly(200, 200);
        ProvisioningView fanvil = provisioning("127.74.4.1");
        assertThat(fanvil.lastFetch().orElseThrow().file()).isEqualTo("0c383e4a0401.cfg");
        assertThat(fanvil.lastFetch().orElseThrow().status()).isEqualTo(200);
        assertThat(fanvil.lastFetch().orElseThrow().outcome()).isEqualTo("applied");
        assertThat(fanvil.rebootsOnResync()).isFalse();
        assertThat(provisioning("127.74.2.1").rebootsOnResync()).isTrue();
        assertThat(provisioning("127.74.2.2").rebootsOnResync()).isFalse();
        assertThat(provisioning("127.74.2.2").provisionedServers()).endsWith(PM_B + ":5070");
        assertThat(lab.phoneManager("pm-a", true).registrations()).extracting(LabViews.Registration::source)
                .contains("UDP:127.74.2.1:5060", "UDP:127.74.3.1:5060", "UDP:127.74.4.1:5060");
    }

    @Test
    void aYealinkIgnoresAFileWithoutItsVersionLineAndStaysUnregisteredWithoutServers() {
        ProvisioningView view = provisioning("127.74.2.3");
        assertThat(view.lastFetch().orElseThrow().outcome()).startsWith("rejected: first line is not #!version");
        assertThat(view.provisionedServers()).isEmpty();
        assertThat(lab.phone("127.74.2.3").orElseThrow().registeredTo()).isEmpty();
    }

    @Test
    void aYealinkWithTheDefaultNotifyRebootRebootsOnCheckSyncDroppingItsCallThenRegistersAtTheNewServer1() {
        String phone = "127.74.2.1";
        lab.setBusy(phone, true);
        files.put("805ec04a0201.cfg", yealink(PM_B, ""));

        assertThat(SipNotifier.notify(NOTIFIER, phone, "check-sync")).isEqualTo(200);

        var view = lab.phone(phone).orElseThrow();
        assertThat(view.registration()).isEqualTo("REBOOTING");
        assertThat(view.busy()).as("a reboot drops the call").isFalse();
        assertThat(view.registeredTo()).isEmpty();
        assertThat(view.provisioning().orElseThrow().reboots()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> registeredTo(phone).equals(Optional.of("pm-b")));
        assertThat(provisioning(phone).lastSync()).extracting(LabViews.Fetch::file)
                .containsExactly("y000000000096.cfg", "805ec04a0201.cfg");
        assertThat(lab.provisioningSummary().rebootedPhones()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aYealinkProvisionedWithNotifyRebootZeroReFetchesAndMovesWithoutRebooting() {
        String phone = "127.74.2.2";
        long fetchesBefore = provisioning(phone).fetches();
        files.put("805ec04a0202.cfg", yealink(PM_B, "")); // the setting stays 0: the phone keeps it in flash

        assertThat(SipNotifier.notify(NOTIFIER, phone, "check-sync")).isEqualTo(200);

        await().atMost(Duration.ofSeconds(5)).until(() -> registeredTo(phone).equals(Optional.of("pm-b")));
        assertThat(provisioning(phone).reboots()).isZero();
        assertThat(provisioning(phone).fetches()).isEqualTo(fetchesBefore + 2);
        // reboot=true in the Event header still reboots it, as Yealink documents for the value 0
        assertThat(SipNotifier.notify(NOTIFIER, phone, "check-sync;reboot=true")).isEqualTo(200);
        assertThat(provisioning(phone).reboots()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> registeredTo(phone).equals(Optional.of("pm-b")));
    }

    @Test
    void aCiscoMppResyncsOnlyOnceItsCallHasEndedAndRefusesCheckSync() {
        String phone = "127.74.3.1";
        assertThat(SipNotifier.notify(NOTIFIER, phone, "check-sync")).isEqualTo(489);
        lab.setBusy(phone, true);
        files.put("00562b4a0301.xml", cisco(PM_B));
        long fetchesBefore = provisioning(phone).fetches();
        int notifiesBefore = provisioning(phone).notifies();

        assertThat(SipNotifier.notify(NOTIFIER, phone, "resync")).as("Auth_Resync-Reboot defaults to Yes")
                .isEqualTo(401);
        assertThat(SipNotifier.notifyWithDigest(NOTIFIER, phone, "resync", "1001", "wrong")).isEqualTo(401);
        assertThat(provisioning(phone).notifies()).as("challenged NOTIFYs do nothing").isEqualTo(notifiesBefore);
        assertThat(SipNotifier.notifyWithDigest(NOTIFIER, phone, "resync", "1001", "secret-1001")).isEqualTo(200);

        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() ->
                provisioning(phone).fetches() == fetchesBefore && registeredTo(phone).equals(Optional.of("pm-a")));
        assertThat(provisioning(phone).resyncPending()).isTrue();
        lab.setBusy(phone, false);
        await().atMost(Duration.ofSeconds(5)).until(() -> registeredTo(phone).equals(Optional.of("pm-b")));
        assertThat(provisioning(phone).reboots()).isZero();
        assertThat(provisioning(phone).resyncPending()).isFalse();
    }

    @Test
    void aFanvilWithNotifyRebootZeroResyncsOnCheckSyncWithoutRebooting() {
        String phone = "127.74.4.1";
        files.put("0c383e4a0401.cfg", fanvil(PM_B, "0"));

        assertThat(SipNotifier.notify(NOTIFIER, phone, "check-sync")).isEqualTo(200);

        await().atMost(Duration.ofSeconds(5)).until(() -> registeredTo(phone).equals(Optional.of("pm-b")));
        assertThat(provisioning(phone).reboots()).isZero();
        assertThat(SipNotifier.notify(NOTIFIER, phone, "resync")).isEqualTo(489);
    }

    @Test
    void theControlApiShowsEachPhonesProvisioningAndTotalsAndRebootsAPhoneOnRequest() throws Exception {
        String phone = "127.74.2.4";
        await().atMost(Duration.ofSeconds(5)).until(() -> registeredTo(phone).equals(Optional.of("pm-a")));
        files.put("805ec04a0204.cfg", yealink(PM_B, ""));
        try (var api = new org.phonecontroller.lab.internal.ControlApiServer(lab,
                new java.net.InetSocketAddress("127.74.0.7", 0))) {
            api.start();
            String base = "http://127.74.0.7:" + api.address().getPort();
            var http = java.net.http.HttpClient.newHttpClient();
            var json = new com.fasterxml.jackson.databind.ObjectMapper();

            var rebooted = json.readTree(http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(base + "/phones/" + phone + "/reboot"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body());
            assertThat(rebooted.path("registration").asText()).isEqualTo("REBOOTING");
            assertThat(rebooted.path("provisioning").path("reboots").asInt()).isEqualTo(1);

            await().atMost(Duration.ofSeconds(10)).until(() -> registeredTo(phone).equals(Optional.of("pm-b")));
            var view = json.readTree(http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(base + "/phones/" + phone)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body());
            var provisioning = view.path("provisioning");
            assertThat(provisioning.path("url").asText()).isEqualTo(files.url());
            assertThat(provisioning.path("lastFetch").path("file").asText()).isEqualTo("805ec04a0204.cfg");
            assertThat(provisioning.path("lastFetch").path("status").asInt()).isEqualTo(200);
            assertThat(provisioning.path("lastFetch").path("outcome").asText()).isEqualTo("applied");
            assertThat(provisioning.path("lastFetch").path("time").asText()).isNotBlank();
            assertThat(provisioning.path("provisionedServers").get(0).asText()).isEqualTo(PM_B + ":5060");
            assertThat(provisioning.path("rebootsOnResync").asBoolean())
                    .as("the setting 0 stays in the phone's flash when a later file leaves it out").isFalse();
            assertThat(view.path("servers").get(0).asText()).isEqualTo(PM_B + ":5060");
            assertThat(view.path("registeredTo").asText()).isEqualTo("pm-b");
            assertThat(view.toString()).doesNotContain("secret-1001");

            var totals = json.readTree(http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(base + "/provisioning")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body());
            assertThat(totals.path("phones").asInt()).isEqualTo(6);
            assertThat(totals.path("reboots").asInt()).isPositive();
            assertThat(totals.path("fetches").asLong()).isGreaterThanOrEqualTo(10);
        }
    }

    static String yealink(String server1, String extra) {
        return "#!version:1.0.0.1\n"
                + "account.1.enable = 1\n"
                + "account.1.user_name = 1001\n"
                + "account.1.password = secret-1001\n"
                + "account.1.sip_server.1.address = " + server1 + "\n"
                + "account.1.sip_server.1.port = 5060\n"
                + "account.1.sip_server.1.transport_type = 0\n"
                + "account.1.sip_server.2.address = " + PM_B + "\n"
                + "account.1.sip_server.2.port = 5070\n"
                + extra;
    }

    private static String cisco(String proxy) {
        return """
                <flat-profile>
                  <Resync_From_SIP ua="na">Yes</Resync_From_SIP>
                  <Proxy_1_ ua="na">%s</Proxy_1_>
                  <User_ID_1_ ua="na">1001</User_ID_1_>
                  <Password_1_ ua="na">secret-1001</Password_1_>
                </flat-profile>
                """.formatted(proxy);
    }

    private static String fanvil(String server1, String notifyReboot) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <sysConf>
                  <sip>
                    <SIPPort>5060</SIPPort>
                    <NotifyReboot>%s</NotifyReboot>
                    <line index="1">
                      <PhoneNumber>1001</PhoneNumber>
                      <RegisterAddr>%s</RegisterAddr>
                      <RegisterPort>5060</RegisterPort>
                      <RegisterPswd>secret-1001</RegisterPswd>
                      <BackupAddr></BackupAddr>
                      <BackupPort></BackupPort>
                    </line>
                  </sip>
                </sysConf>
                """.formatted(notifyReboot, server1);
    }

    private static Optional<String> registeredTo(String phone) {
        return lab.phone(phone).orElseThrow().registeredTo();
    }

    private static ProvisioningView provisioning(String phone) {
        return lab.phone(phone).orElseThrow().provisioning().orElseThrow();
    }
}

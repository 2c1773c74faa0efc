package org.phonecontroller.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phonecontroller.lab.LabViews.ProvisioningView;

/**
 * Polycom, Snom and Grandstream phones with {@code provisioning} behave as their vendors document: each fetches its
 * vendor's files from its own address with the vendor's HTTP User-Agent — Polycom its master file and the
 * CONFIG_FILES it names (first file wins), Snom its setting file and the setting-files it names, Grandstream
 * cfg&lt;mac&gt;.xml or its fallbacks — registers to server 1, and on the vendor's NOTIFY resyncs without a reboot
 * or reboots where the vendor does.
 */
class ProvisionedVendorPhonesTest {
    private static final String NOTIFIER = "127.75.0.9";
    private static final String PM_A = "127.75.1.10";
    private static final String PM_B = "127.75.1.11";
    private static final int HTTP_PORT = TestLabs.freeTcpPort();
    private static ProvisionedPhoneFiles files;
    private static PhoneLab lab;

    @BeforeAll
    static void startLab() {
        files = new ProvisionedPhoneFiles("127.75.0.5");
        files.put("0004f24b0201.cfg", polycomMaster("CONFIG_FILES=\"[PHONE_MAC_ADDRESS]-user.cfg, site.cfg\""));
        files.put("0004f24b0201-user.cfg", polycomUser(PM_A, "0"));
        files.put("0004f24b0203.cfg", polycomMaster("CONFIG_FILES=\"[PHONE_MAC_ADDRESS]-user.cfg\""));
        files.put("0004f24b0203-user.cfg", polycomUser(PM_A, "0"));
        files.put("site.cfg", "<polycomConfig><reg reg.1.server.1.address=\"" + PM_B + "\" reg.1.server.2.address=\""
                + PM_B + "\" reg.1.server.2.port=\"5070\"/></polycomConfig>");
        // no 0004f24b0202.cfg: the phone falls back to 000000000000.cfg, whose VVX450 list wins over the generic one
        files.put("000000000000.cfg", polycomMaster("CONFIG_FILES=\"never-fetched.cfg\""
                + " CONFIG_FILES_VVX450=\"[PHONE_MAC_ADDRESS]-phone.cfg\""));
        files.put("0004f24b0202-phone.cfg", polycomUser(PM_A, "0"));
        for (String mac : new String[] {"0004134B0301", "0004134B0302", "0004134B0303"}) {
            files.put("snomD785-" + mac + ".htm", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<setting-files>"
                    + "<file url=\"" + files.url() + mac + ".xml\"/></setting-files>\n");
            files.put(mac + ".xml", snom(PM_A));
        }
        files.put("cfg000b824b0401.xml", grandstream("000b824b0401", PM_A));
        files.put("cfg000b824b0404.xml", grandstream("000b824b0404", PM_A));
        files.put("cfg.xml", grandstream("", PM_A)); // 127.75.4.2 has neither cfg<mac>.xml nor cfggxp2170.xml
        files.put("cfg000b824b0403.xml", grandstream("000b82000000", PM_A)); // someone else's file
        lab = TestLabs.start("""
                httpPort: %d
                timers: { registerExpires: 60s, registerTimeout: 2s, t1: 200ms, startupSpread: 100ms,
                          retryAfterFailure: 500ms }
                phoneManagers: { pm-a: 127.75.1.10:5060, pm-b: 127.75.1.11:5060 }
                phones:
                  - { addresses: 127.75.2.1-127.75.2.3, vendor: polycom-rest, provisioning: { url: "URL", bootDelay: 1s } }
                  - { addresses: 127.75.3.1-127.75.3.3, vendor: snom, provisioning: { url: "URL", bootDelay: 1s } }
                  - { addresses: 127.75.4.1-127.75.4.4, vendor: grandstream, provisioning: { url: "URL", bootDelay: 1s } }
                  - { addresses: 127.75.5.1, vendor: snom, registeredTo: pm-a }
                """.formatted(HTTP_PORT).replace("URL", files.url()));
        await().atMost(Duration.ofSeconds(10)).until(() -> Stream.of("127.75.2.1", "127.75.2.2", "127.75.2.3",
                "127.75.3.1", "127.75.3.2", "127.75.3.3", "127.75.4.1", "127.75.4.2", "127.75.4.4")
                .allMatch(p -> registeredTo(p).equals(Optional.of("pm-a"))));
    }

    @AfterAll
    static void stopLab() {
        lab.close();
        files.close();
    }

    @Test
    void phonesFetchTheirVendorsFilesAtBootFromTheirOwnAddressWithTheVendorsUserAgent() {
        String polycomUa = "FileTransport PolycomVVX-VVX_450-UA/6.4.3.5018 Type/Application";
        assertThat(files.requestsFrom("127.75.2.1")).startsWith(
                new ProvisionedPhoneFiles.Request("/prov/0004f24b0201.cfg", polycomUa, "127.75.2.1"),
                new ProvisionedPhoneFiles.Request("/prov/0004f24b0201-user.cfg", polycomUa, "127.75.2.1"),
                new ProvisionedPhoneFiles.Request("/prov/site.cfg", polycomUa, "127.75.2.1"));
        String snomUa = "Mozilla/4.0 (compatible; snomD785-SIP 10.1.73.16 2010.12-00004-g9ba52f5 0004134B0301"
                + " SXM:0 UXM:0)";
        assertThat(files.requestsFrom("127.75.3.1")).startsWith(
                new ProvisionedPhoneFiles.Request("/prov/snomD785-0004134B0301.htm", snomUa, "127.75.3.1"),
                new ProvisionedPhoneFiles.Request("/prov/0004134B0301.xml", snomUa, "127.75.3.1"));
        String gsUa = "Grandstream Model HW GXP2170 SW 1.0.11.23 DevId 000b824b0401";
        assertThat(files.requestsFrom("127.75.4.1")).startsWith(
                new ProvisionedPhoneFiles.Request("/prov/cfg000b824b0401", gsUa, "127.75.4.1"),
                new ProvisionedPhoneFiles.Request("/prov/cfg000b824b0401.xml", gsUa, "127.75.4.1"));

        assertThat(provisioning("127.75.2.1").provisionedServers()).as("the first file naming a parameter wins")
                .containsExactly(PM_A + ":5060", PM_B + ":5070");
        assertThat(provisioning("127.75.3.1").provisionedServers()).containsExactly(PM_A + ":5060");
        assertThat(provisioning("127.75.4.1").provisionedServers()).containsExactly(PM_A + ":5060", PM_B + ":5070");
        assertThat(provisioning("127.75.2.1").rebootsOnResync()).isFalse();
        assertThat(provisioning("127.75.3.1").rebootsOnResync()).as("check-sync;reboot=false").isFalse();
        assertThat(lab.phoneManager("pm-a", true).registrations()).extracting(LabViews.Registration::source)
                .contains("UDP:127.75.2.1:5060", "UDP:127.75.3.1:5060", "UDP:127.75.4.1:5060");
    }

    @Test
    void aPolycomWithoutItsOwnMasterFileFallsBackToTheDefaultOneAndTakesItsModelsList() {
        var view = provisioning("127.75.2.2");
        assertThat(view.lastSync()).extracting(LabViews.Fetch::file)
                .containsExactly("0004f24b0202.cfg", "000000000000.cfg", "0004f24b0202-phone.cfg");
        assertThat(view.lastSync()).extracting(LabViews.Fetch::status).containsExactly(404, 200, 200);
        assertThat(view.provisionedServers()).containsExactly(PM_A + ":5060");
    }

    @Test
    void aPolycomResyncsOnCheckSyncWithoutRebootingUnlessAlwaysRebootIsOne() {
        String phone = "127.75.2.3";
        files.put("0004f24b0203-user.cfg", polycomUser(PM_B, "1"));

        assertThat(SipNotifier.notify(NOTIFIER, phone, "check-sync")).isEqualTo(200);

        await().atMost(Duration.ofSeconds(5)).until(() -> registeredTo(phone).equals(Optional.of("pm-b")));
        assertThat(provisioning(phone).reboots()).isZero();
        assertThat(provisioning(phone).rebootsOnResync()).as("now provisioned with alwaysReboot=1").isTrue();
        assertThat(SipNotifier.notify(NOTIFIER, phone, "resync")).isEqualTo(489);
        assertThat(SipNotifier.notify(NOTIFIER, phone, "check-sync")).isEqualTo(200);
        assertThat(provisioning(phone).reboots()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> registeredTo(phone).equals(Optional.of("pm-b")));
    }

    @Test
    void aSnomResyncsOnCheckSyncWithRebootFalseAndRebootsOnAPlainCheckSync() {
        String phone = "127.75.3.3";
        files.put("0004134B0303.xml", snom(PM_B));

        assertThat(SipNotifier.notify(NOTIFIER, phone, "check-sync;reboot=false")).isEqualTo(200);

        await().atMost(Duration.ofSeconds(5)).until(() -> registeredTo(phone).equals(Optional.of("pm-b")));
        assertThat(provisioning(phone).reboots()).isZero();

        String other = "127.75.3.2";
        assertThat(SipNotifier.notify(NOTIFIER, other, "check-sync")).isEqualTo(200);
        assertThat(lab.phone(other).orElseThrow().registration()).isEqualTo("REBOOTING");
        assertThat(provisioning(other).reboots()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> registeredTo(other).equals(Optional.of("pm-a")));
        assertThat(SipNotifier.notify(NOTIFIER, other, "resync")).isEqualTo(489);
    }

    @Test
    void aGrandstreamProvisionsAgainOnCheckSyncWithoutRebooting() {
        String phone = "127.75.4.4";
        files.put("cfg000b824b0404.xml", grandstream("000b824b0404", PM_B));

        assertThat(SipNotifier.notify(NOTIFIER, phone, "check-sync")).isEqualTo(200);

        await().atMost(Duration.ofSeconds(5)).until(() -> registeredTo(phone).equals(Optional.of("pm-b")));
        assertThat(provisioning(phone).reboots()).isZero();
        assertThat(provisioning(phone).lastSync()).extracting(LabViews.Fetch::outcome)
                .containsExactly("http 404", "applied");
        assertThat(SipNotifier.notify(NOTIFIER, phone, "resync")).isEqualTo(489);
    }

    @Test
    void aGrandstreamWithoutItsFileFallsBackToTheModelFileThenTheGenericOneAndRefusesSomeoneElsesFile() {
        assertThat(provisioning("127.75.4.2").lastSync()).extracting(LabViews.Fetch::file).containsExactly(
                "cfg000b824b0402", "cfg000b824b0402.xml", "cfggxp2170.xml", "cfg.xml");
        ProvisioningView foreign = provisioning("127.75.4.3");
        assertThat(foreign.lastFetch().orElseThrow().outcome())
                .isEqualTo("rejected: its <mac> header 000b82000000 is not this phone's 000b824b0403");
        assertThat(foreign.provisionedServers()).isEmpty();
        assertThat(lab.phone("127.75.4.3").orElseThrow().registeredTo()).isEmpty();
    }

    @Test
    void aProvisionedPhoneOffersNoVendorHttpApiWhileAnHttpPhoneStillDoes() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest api = HttpRequest.newBuilder(URI.create("http://127.75.5.1:" + HTTP_PORT + "/dummy.htm"))
                .timeout(Duration.ofSeconds(3)).build();
        assertThat(http.send(api, HttpResponse.BodyHandlers.discarding()).statusCode()).isPositive();
        HttpRequest provisioned = HttpRequest.newBuilder(URI.create("http://127.75.3.2:" + HTTP_PORT + "/dummy.htm"))
                .timeout(Duration.ofSeconds(3)).build();
        assertThatThrownBy(() -> http.send(provisioned, HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(IOException.class);
    }

    private static String polycomMaster(String configFiles) {
        return "<?xml version=\"1.0\" standalone=\"yes\"?>\n<APPLICATION APP_FILE_PATH=\"sip.ld\" " + configFiles
                + " MISC_FILES=\"\" LOG_FILE_DIRECTORY=\"\"/>\n";
    }

    private static String polycomUser(String server1, String alwaysReboot) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <polycomConfig>
                  <reg reg.1.address="1001" reg.1.auth.password="secret-1001" reg.1.server.1.address="%s"
                       reg.1.server.1.port="5060"/>
                  <voIpProt voIpProt.SIP.specialEvent.checkSync.alwaysReboot="%s"/>
                </polycomConfig>
                """.formatted(server1, alwaysReboot);
    }

    private static String snom(String server1) {
        return """
                <?xml version="1.0" encoding="utf-8"?>
                <settings>
                  <phone-settings>
                    <user_active idx="1" perm="R">on</user_active>
                    <user_name idx="1" perm="R">1001</user_name>
                    <user_pass idx="1" perm="R">secret-1001</user_pass>
                    <user_host idx="1" perm="">%s:5060</user_host>
                  </phone-settings>
                </settings>
                """.formatted(server1);
    }

    private static String grandstream(String mac, String server1) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <gs_provision version="1">
                  <mac>%s</mac>
                  <config version="1">
                    <P271>1</P271>
                    <P35>1001</P35>
                    <P34>secret-1001</P34>
                    <P47>%s:5060</P47>
                    <P2312>%s:5070</P2312>
                  </config>
                </gs_provision>
                """.formatted(mac, server1, PM_B);
    }

    private static Optional<String> registeredTo(String phone) {
        return lab.phone(phone).orElseThrow().registeredTo();
    }

    private static ProvisioningView provisioning(String phone) {
        return lab.phone(phone).orElseThrow().provisioning().orElseThrow();
    }
}

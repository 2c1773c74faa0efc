package org.phonecontroller.lab.internal.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.phonecontroller.lab.internal.provisioning.ProvisioningFirmware.NotifyAction;
import org.phonecontroller.protocols.ServerAddress;

/** The vendors' file formats, server keys and NOTIFY semantics as the lab's phones read them. */
class ProvisioningFirmwareTest {

    @Test
    void yealinkReadsKeyValueLinesAfterItsVersionLineAndTakesServerSlotsWithPorts() throws Exception {
        Map<String, String> s = ProvisioningFirmware.YEALINK.parse("""
                #!version:1.0.0.1
                # a comment
                account.1.sip_server.1.address = 127.20.1.10
                account.1.sip_server.1.port = 5070
                account.1.sip_server.2.address=127.20.0.10
                account.1.sip_server.2.port = %NULL%
                garbage line
                """);
        assertThat(ProvisioningFirmware.YEALINK.servers(s)).containsExactly(new ServerAddress("127.20.1.10", 5070),
                new ServerAddress("127.20.0.10", 5060));
        assertThatThrownBy(() -> ProvisioningFirmware.YEALINK.parse("account.1.sip_server.1.address = 127.1.1.1\n"))
                .isInstanceOf(RejectedFile.class);
    }

    @Test
    void serversOutsideLoopbackOrNamesAreNeverTaken() throws Exception {
        Map<String, String> s = ProvisioningFirmware.YEALINK.parse("""
                #!version:1.0.0.1
                account.1.sip_server.1.address = 10.1.1.1
                account.1.sip_server.2.address = pbx.example.com
                """);
        assertThat(ProvisioningFirmware.YEALINK.servers(s)).isEmpty();
    }

    @Test
    void yealinkRebootsOnCheckSyncByDefaultResyncsWithZeroAndIgnoresWithTwo() {
        var y = ProvisioningFirmware.YEALINK;
        assertThat(y.onNotify("check-sync", Map.of())).isEqualTo(NotifyAction.REBOOT);
        assertThat(y.onNotify("check-sync;reboot=false", Map.of())).isEqualTo(NotifyAction.REBOOT);
        assertThat(y.onNotify("check-sync", Map.of("sip.notify_reboot_enable", "0"))).isEqualTo(NotifyAction.RESYNC);
        assertThat(y.onNotify("check-sync;reboot=true", Map.of("sip.notify_reboot_enable", "0")))
                .isEqualTo(NotifyAction.REBOOT);
        assertThat(y.onNotify("check-sync", Map.of("sip.notify_reboot_enable", "2"))).isEqualTo(NotifyAction.IGNORE);
        assertThat(y.onNotify("resync", Map.of())).isEqualTo(NotifyAction.REJECT);
    }

    @Test
    void ciscoReadsItsFlatProfileAndResyncsOnResyncOnly() throws Exception {
        var c = ProvisioningFirmware.CISCO_MPP;
        Map<String, String> s = c.parse("<flat-profile><Proxy_1_ ua=\"na\">127.20.1.10:5080</Proxy_1_>"
                + "<Alternate_Proxy_1_>127.20.0.10</Alternate_Proxy_1_></flat-profile>");
        assertThat(c.servers(s)).containsExactly(new ServerAddress("127.20.1.10", 5080),
                new ServerAddress("127.20.0.10", 5060));
        assertThat(c.onNotify("resync", s)).isEqualTo(NotifyAction.RESYNC);
        assertThat(c.onNotify("reboot", s)).isEqualTo(NotifyAction.REBOOT);
        assertThat(c.onNotify("check-sync", s)).isEqualTo(NotifyAction.REJECT);
        assertThat(c.resyncWaitsForIdle()).isTrue();
        assertThat(c.fileNames("Cisco-CP8841-3PCC/11.3.7", "00:56:2B:04:36:15")).containsExactly("00562b043615.xml");
        assertThat(c.httpUserAgent("Cisco-CP8841-3PCC/11.3.7", "00:56:2b:04:36:15"))
                .isEqualTo("Cisco-CP-8841-3PCC/11.3.7 (00562b043615)");
    }

    @Test
    void ciscoChallengesResyncWithItsLineCredentialsUnlessAuthResyncRebootIsNo() {
        var c = ProvisioningFirmware.CISCO_MPP;
        assertThat(c.notifyCredentials(Map.of("User_ID_1_", "1001", "Password_1_", "pw")))
                .hasValue(new ProvisioningFirmware.NotifyCredentials("1001", "pw"));
        assertThat(c.notifyCredentials(Map.of("User_ID_1_", "1001", "Auth_ID_1_", "auth", "Password_1_", "pw")))
                .hasValue(new ProvisioningFirmware.NotifyCredentials("auth", "pw"));
        assertThat(c.notifyCredentials(Map.of("User_ID_1_", "1001", "Password_1_", "pw",
                "Auth_Resync-Reboot", "No"))).isEmpty();
        assertThat(c.notifyCredentials(Map.of("User_ID_1_", "1001"))).isEmpty();
        assertThat(ProvisioningFirmware.YEALINK.notifyCredentials(Map.of("account.1.password", "pw"))).isEmpty();
        assertThat(new ProvisioningFirmware.NotifyCredentials("u", "secret").toString()).doesNotContain("secret");
    }

    @Test
    void fanvilReadsItsLineElementsAndRebootsUnlessNotifyRebootIsZero() throws Exception {
        var f = ProvisioningFirmware.FANVIL;
        Map<String, String> s = f.parse("<sysConf><sip><NotifyReboot>1</NotifyReboot><line index=\"1\">"
                + "<RegisterAddr>127.20.1.10</RegisterAddr><RegisterPort>5062</RegisterPort><BackupAddr/>"
                + "</line><line index=\"2\"><RegisterAddr>127.9.9.9</RegisterAddr></line></sip></sysConf>");
        assertThat(f.servers(s)).containsExactly(new ServerAddress("127.20.1.10", 5062));
        assertThat(f.onNotify("check-sync", s)).isEqualTo(NotifyAction.REBOOT);
        assertThat(f.onNotify("check-sync", Map.of("NotifyReboot", "0"))).isEqualTo(NotifyAction.RESYNC);
    }

    @Test
    void xmlWithADoctypeIsRejectedSoNoEntityIsEverExpanded() {
        assertThatThrownBy(() -> ProvisioningFiles.xml("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<flat-profile><Proxy_1_>&e;</Proxy_1_></flat-profile>")).isInstanceOf(RejectedFile.class);
    }

    @Test
    void yealinkFileNamesAreTheModelsCommonFileThenTheLowercaseMac() {
        assertThat(ProvisioningFirmware.YEALINK.fileNames("Yealink SIP-T31G 124.85.257.55", "80:5E:C0:D5:7D:72"))
                .containsExactly("y000000000124.cfg", "805ec0d57d72.cfg");
        assertThat(ProvisioningFirmware.YEALINK.httpUserAgent("Yealink SIP-T31G 124.85.257.55", "80:5e:c0:d5:7d:72"))
                .isEqualTo("Yealink SIP-T31G 124.85.257.55 80:5e:c0:d5:7d:72");
    }

    @Test
    void polycomReadsParametersFromAttributesOfAnyElementAndResyncsOnCheckSyncUnlessAlwaysRebootIsOne()
            throws Exception {
        var p = ProvisioningFirmware.POLYCOM;
        Map<String, String> s = p.parse("<polycomConfig><reg reg.1.server.1.address=\"127.20.1.10\" "
                + "reg.1.server.1.port=\"5070\"><x reg.1.server.2.address=\"127.20.0.10\"/></reg></polycomConfig>");
        assertThat(p.servers(s)).containsExactly(new ServerAddress("127.20.1.10", 5070),
                new ServerAddress("127.20.0.10", 5060));
        assertThat(p.onNotify("check-sync", s)).as("alwaysReboot defaults to 0").isEqualTo(NotifyAction.RESYNC);
        assertThat(p.onNotify("check-sync", Map.of("voIpProt.SIP.specialEvent.checkSync.alwaysReboot", "1")))
                .isEqualTo(NotifyAction.REBOOT);
        assertThat(p.onNotify("resync", s)).isEqualTo(NotifyAction.REJECT);
        assertThat(p.rebootsOnResync(s)).isFalse();
    }

    @Test
    void polycomMasterFileNamesItsConfigFilesWithTheMacInsertedAndTheModelsOwnListWinning() throws Exception {
        String master = "<APPLICATION APP_FILE_PATH=\"sip.ld\""
                + " CONFIG_FILES=\"[PHONE_MAC_ADDRESS]-user.cfg, , sip.cfg\">"
                + "<APPLICATION_VVX450 CONFIG_FILES_VVX450=\"\"/>"
                + "<APPLICATION_VVX400 CONFIG_FILES_VVX400=\"vvx400.cfg\"/></APPLICATION>";
        assertThat(VendorXmlFiles.polycomConfigFiles(master, "VVX450", "0004f2000001"))
                .containsExactly("0004f2000001-user.cfg", "sip.cfg");
        assertThat(VendorXmlFiles.polycomConfigFiles(master, "VVX400", "0004f2000001")).containsExactly("vvx400.cfg");
        assertThatThrownBy(() -> VendorXmlFiles.polycomConfigFiles("<polycomConfig a.b=\"1\"/>", "VVX450", "x"))
                .isInstanceOf(RejectedFile.class).hasMessageContaining("not a master configuration file");
    }

    @Test
    void aPolycomSyncTakesTheFirstFileNamingAParameterAndKeepsItsSettingsWhenAFileIsMissing() {
        var plan = ProvisioningFirmware.POLYCOM.plan("PolycomVVX-VVX_450-UA/6.4.3.5018", "00:04:f2:00:00:01");
        assertThat(plan.next()).hasValue("0004f2000001.cfg");
        assertThat(plan.fetched("0004f2000001.cfg", 404, "").failed()).isFalse();
        assertThat(plan.next()).hasValue("000000000000.cfg");
        plan.fetched("000000000000.cfg", 200, "<APPLICATION CONFIG_FILES=\"a.cfg, b.cfg\"/>");
        assertThat(plan.next()).hasValue("a.cfg");
        plan.fetched("a.cfg", 200, "<c reg.1.server.1.address=\"127.20.1.10\"/>");
        assertThat(plan.next()).hasValue("b.cfg");
        plan.fetched("b.cfg", 200, "<c reg.1.server.1.address=\"127.20.9.9\" reg.1.server.1.port=\"5062\"/>");
        assertThat(plan.next()).isEmpty();
        Map<String, String> settings = new java.util.HashMap<>(Map.of("old.parameter", "1"));
        plan.applyTo(settings);
        assertThat(settings).containsOnly(Map.entry("reg.1.server.1.address", "127.20.1.10"),
                Map.entry("reg.1.server.1.port", "5062"));

        var broken = ProvisioningFirmware.POLYCOM.plan("PolycomVVX-VVX_450-UA/6.4.3.5018", "00:04:f2:00:00:01");
        broken.next();
        broken.fetched("0004f2000001.cfg", 200, "<APPLICATION CONFIG_FILES=\"a.cfg\"/>");
        broken.next();
        assertThat(broken.fetched("a.cfg", 0, null).failed()).isTrue();
        broken.applyTo(settings);
        assertThat(settings).containsEntry("reg.1.server.1.address", "127.20.1.10");
    }

    @Test
    void snomReadsIndexedPhoneSettingsAndFollowsSettingFilesAndRebootsUnlessTheEventSaysRebootFalse()
            throws Exception {
        var snom = ProvisioningFirmware.SNOM;
        Map<String, String> s = snom.parse("<settings><phone-settings><user_host idx=\"1\" perm=\"\">127.20.1.10:5080"
                + "</user_host><user_host idx=\"2\">127.9.9.9</user_host></phone-settings></settings>");
        assertThat(snom.servers(s)).containsExactly(new ServerAddress("127.20.1.10", 5080));
        assertThat(snom.onNotify("check-sync;reboot=false", s)).isEqualTo(NotifyAction.RESYNC);
        assertThat(snom.onNotify("check-sync", s)).isEqualTo(NotifyAction.REBOOT);
        assertThat(snom.onNotify("check-sync;reboot=true", s)).isEqualTo(NotifyAction.REBOOT);
        assertThat(snom.onNotify("resync", s)).isEqualTo(NotifyAction.REJECT);
        assertThat(snom.rebootsOnResync(s)).isFalse();
        assertThat(VendorXmlFiles.snom("<setting-files><file url=\"http://127.20.0.5/A.xml\"/><file/></setting-files>")
                .settingFiles()).containsExactly("http://127.20.0.5/A.xml");
        assertThatThrownBy(() -> snom.parse("<sysConf/>")).isInstanceOf(RejectedFile.class);

        var plan = snom.plan("snom D785/10.1.73.16", "00:04:13:00:00:01");
        assertThat(plan.next()).hasValue("snomD785-000413000001.htm");
    }

    @Test
    void grandstreamReadsPValuesAndNamedItemsAndRefusesAFileForAnotherMac() throws Exception {
        var gs = ProvisioningFirmware.GRANDSTREAM;
        String file = "<gs_provision version=\"1\"><mac>000b82000001</mac><config version=\"1\">"
                + "<P47>127.20.1.10:5090</P47><P2312>127.20.0.10</P2312><item name=\"a.b\">c</item></config>"
                + "</gs_provision>";
        Map<String, String> s = gs.parse(file);
        assertThat(gs.servers(s)).containsExactly(new ServerAddress("127.20.1.10", 5090),
                new ServerAddress("127.20.0.10", 5060));
        assertThat(s).containsEntry("a.b", "c");
        assertThat(VendorXmlFiles.grandstream(file, "000b82000001")).containsEntry("P47", "127.20.1.10:5090");
        assertThatThrownBy(() -> VendorXmlFiles.grandstream(file, "000b82000002")).isInstanceOf(RejectedFile.class);
        assertThatThrownBy(() -> gs.parse("<settings/>")).isInstanceOf(RejectedFile.class);
        assertThat(gs.onNotify("check-sync", s)).isEqualTo(NotifyAction.RESYNC);
        assertThat(gs.onNotify("reboot", s)).isEqualTo(NotifyAction.REJECT);

        var plan = gs.plan("Grandstream GXP2170 1.0.11.23", "00:0b:82:00:00:01");
        assertThat(plan.next()).hasValue("cfg000b82000001");
        assertThat(plan.fetched("cfg000b82000001", 200, "binary").outcome()).startsWith("skipped: binary");
        assertThat(plan.next()).hasValue("cfg000b82000001.xml");
        assertThat(plan.fetched("cfg000b82000001.xml", 404, "").failed()).isFalse();
        assertThat(plan.next()).hasValue("cfggxp2170.xml");
        assertThat(plan.fetched("cfggxp2170.xml", 0, null).failed()).isFalse();
        assertThat(plan.next()).hasValue("cfg.xml");
        assertThat(plan.fetched("cfg.xml", 404, "").failed()).as("nothing left to try").isTrue();
        assertThat(plan.next()).isEmpty();
    }

    @Test
    void theLabsHttpUserAgentsAndFileNamesAreWhatTheDaemonsBuiltInProfilesRecognise() {
        var profiles = org.phonecontroller.protocols.provisioning.ProvisioningProfiles.builtIn();
        record Case(ProvisioningFirmware firmware, String profile, String sipUa, String mac, String model,
                    String firmwareVersion) {
        }
        for (Case c : java.util.List.of(
                new Case(ProvisioningFirmware.POLYCOM, "polycom", "PolycomVVX-VVX_450-UA/6.4.3.5018",
                        "00:04:f2:4b:02:01", "VVX-VVX_450", "6.4.3.5018"),
                new Case(ProvisioningFirmware.SNOM, "snom", "snom D785/10.1.73.16", "00:04:13:4b:03:01", "D785",
                        "10.1.73.16"),
                new Case(ProvisioningFirmware.GRANDSTREAM, "grandstream", "Grandstream GXP2170 1.0.11.23",
                        "00:0b:82:4b:04:01", "GXP2170", "1.0.11.23"))) {
            var profile = profiles.get(c.profile()).orElseThrow();
            var device = profile.recognition().fromHttpUserAgent(c.firmware().httpUserAgent(c.sipUa(), c.mac()));
            assertThat(device).as(c.profile()).isPresent();
            assertThat(device.get().model()).as(c.profile()).isEqualTo(c.model());
            assertThat(device.get().firmware()).as(c.profile()).isEqualTo(c.firmwareVersion());
            assertThat(c.firmware().fileNames(c.sipUa(), c.mac())).as(c.profile())
                    .anyMatch(f -> profile.files().isConfigFile(f));
        }
        assertThat(ProvisioningFirmware.SNOM.httpUserAgent("snom D785/10.1.73.16", "00:04:13:4b:03:01"))
                .isEqualTo("Mozilla/4.0 (compatible; snomD785-SIP 10.1.73.16 2010.12-00004-g9ba52f5 0004134B0301"
                        + " SXM:0 UXM:0)");
    }

    @Test
    void httpRepliesAreFramedByContentLengthChunksOrTheEndOfTheConnection() throws Exception {
        byte[] cl = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcdef".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(HttpReplyParser.complete(cl, cl.length)).isTrue();
        assertThat(new String(HttpReplyParser.parse(cl, cl.length).body(), StandardCharsets.ISO_8859_1))
                .isEqualTo("abc");
        byte[] chunked = "HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n1;x\r\nc\r\n0\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        var reply = HttpReplyParser.parse(chunked, chunked.length);
        assertThat(reply.status()).isEqualTo(404);
        assertThat(new String(reply.body(), StandardCharsets.ISO_8859_1)).isEqualTo("abc");
        byte[] cut = "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(HttpReplyParser.complete(cut, cut.length)).isFalse();
        assertThatThrownBy(() -> HttpReplyParser.parse(cut, cut.length)).isInstanceOf(HttpReplyParser.Malformed.class);
    }
}

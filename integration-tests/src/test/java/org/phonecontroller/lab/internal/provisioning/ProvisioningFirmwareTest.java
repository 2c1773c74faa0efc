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

package org.phonecontroller.protocols.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.Transport;

class OverlayTest {

    private static final ProvisioningProfiles PROFILES = ProvisioningProfiles.builtIn();
    private static final ProvisionedServer PRIMARY = ProvisionedServer.of(ServerAddress.parse("10.0.0.10:5060"),
            Transport.UDP);
    private static final ProvisionedServer FALLBACK = ProvisionedServer.of(ServerAddress.parse("10.0.1.10:5070"),
            Transport.TCP);
    /** Failed over: the fallback first, the primary second. */
    private static final Overlay.Request TO_FALLBACK = new Overlay.Request(List.of(PRIMARY, FALLBACK),
            List.of(FALLBACK, PRIMARY));

    private static String render(String profile, String file, Overlay.Request request) throws Exception {
        return new String(Overlay.render(PROFILES.get(profile).orElseThrow(), file.getBytes(StandardCharsets.UTF_8),
                request).content(), StandardCharsets.UTF_8);
    }

    @Test
    void yealinkAccountsNamingTheRangesServersGetTheTargetFirstAndEverythingElsePassesThrough() throws Exception {
        String source = """
                #!version:1.0.0.1
                # floor 3
                account.1.user_name = 201
                account.1.password = s3cret
                account.1.sip_server.1.address = 10.0.0.10
                account.1.sip_server.1.port = 5060
                account.2.sip_server.1.address = voicemail.example
                lang.gui = German
                """;
        Overlay.Rendered r = Overlay.render(PROFILES.get("yealink").orElseThrow(),
                source.getBytes(StandardCharsets.UTF_8), TO_FALLBACK);
        String out = new String(r.content(), StandardCharsets.UTF_8);
        assertThat(out).startsWith("#!version:1.0.0.1\n# floor 3\naccount.1.user_name = 201\n"
                + "account.1.password = s3cret\naccount.1.sip_server.1.address = 10.0.1.10\n"
                + "account.1.sip_server.1.port = 5070\naccount.2.sip_server.1.address = voicemail.example\n"
                + "lang.gui = German\n");
        assertThat(out).contains("account.1.sip_server.1.transport_type = 1\n",
                "account.1.sip_server.2.address = 10.0.0.10\n", "account.1.sip_server.2.port = 5060\n",
                "account.1.sip_server.2.transport_type = 0\n", "sip.notify_reboot_enable = 0\n");
        assertThat(out).doesNotContain("account.2.sip_server.2");
        assertThat(r.accounts()).containsExactly(1);
        assertThat(r.servers()).containsExactly(FALLBACK.address(), PRIMARY.address());
    }

    @Test
    void alwaysForcesTheRequiredKeysEvenWhenTheSourceSaysOtherwise() throws Exception {
        String out = render("yealink", "sip.notify_reboot_enable = 1\r\n", TO_FALLBACK);
        assertThat(out).isEqualTo("sip.notify_reboot_enable = 0\r\n");
    }

    @Test
    void failbackPutsThePrimaryFirstAgain() throws Exception {
        String failedOver = render("yealink", "account.1.sip_server.1.address = 10.0.1.10\n"
                + "account.1.sip_server.1.port = 5070\n", TO_FALLBACK);
        String back = render("yealink", failedOver, new Overlay.Request(List.of(PRIMARY, FALLBACK),
                List.of(PRIMARY, FALLBACK)));
        assertThat(Overlay.servers(PROFILES.get("yealink").orElseThrow(), back.getBytes(StandardCharsets.UTF_8), 1))
                .containsExactly(PRIMARY.address(), FALLBACK.address());
    }

    @Test
    void anAccountOnAnotherServerOrPortIsLeftAlone() throws Exception {
        Overlay.Rendered r = Overlay.render(PROFILES.get("yealink").orElseThrow(), ("account.1.sip_server.1.address"
                + " = 10.0.0.10\naccount.1.sip_server.1.port = 5999\n").getBytes(StandardCharsets.UTF_8), TO_FALLBACK);
        assertThat(r.accounts()).isEmpty();
        assertThat(new String(r.content(), StandardCharsets.UTF_8)).contains("address = 10.0.0.10\n");
    }

    @Test
    void ciscoMppProxiesHoldHostAndPort() throws Exception {
        String out = render("cisco-mpp", """
                <flat-profile>
                  <Display_Name_1_>Reception</Display_Name_1_>
                  <Proxy_1_>10.0.0.10</Proxy_1_>
                  <Password_1_>pw</Password_1_>
                </flat-profile>
                """, TO_FALLBACK);
        assertThat(out).contains("<Proxy_1_>10.0.1.10:5070</Proxy_1_>", "<Display_Name_1_>Reception</Display_Name_1_>",
                "<Alternate_Proxy_1_>10.0.0.10:5060</Alternate_Proxy_1_>", "<SIP_Transport_1_>TCP</SIP_Transport_1_>",
                "<Password_1_>pw</Password_1_>");
    }

    @Test
    void polycomServersAreAttributes() throws Exception {
        String out = render("polycom", """
                <?xml version="1.0" encoding="UTF-8"?>
                <polycomConfig><reg reg.1.address="201" reg.1.server.1.address="10.0.0.10"/></polycomConfig>
                """, TO_FALLBACK);
        assertThat(out).contains("reg.1.server.1.address=\"10.0.1.10\"", "reg.1.server.1.port=\"5070\"",
                "reg.1.server.2.address=\"10.0.0.10\"", "reg.1.address=\"201\"",
                "voIpProt.SIP.specialEvent.checkSync.alwaysReboot=\"0\"");
    }

    @Test
    void snomFanvilAndGrandstreamKeysAreElementPaths() throws Exception {
        assertThat(render("snom", "<settings><phone-settings><user_host idx=\"1\" perm=\"\">10.0.0.10:5060</user_host>"
                + "<user_host idx=\"2\" perm=\"\">other.example</user_host></phone-settings></settings>",
                TO_FALLBACK)).contains("<user_host idx=\"1\" perm=\"\">10.0.1.10:5070</user_host>",
                "<user_host idx=\"2\" perm=\"\">other.example</user_host>");
        String fanvil = render("fanvil", "<sysConf><sip><line index=\"1\"><RegisterAddr>10.0.0.10</RegisterAddr>"
                + "</line><line index=\"2\"><RegisterAddr>10.9.9.9</RegisterAddr></line></sip></sysConf>",
                TO_FALLBACK);
        assertThat(fanvil).contains("<line index=\"1\"><RegisterAddr>10.0.1.10</RegisterAddr><RegisterPort>5070"
                + "</RegisterPort><BackupAddr>10.0.0.10</BackupAddr>", "<RegisterAddr>10.9.9.9</RegisterAddr>",
                "<NotifyReboot>0</NotifyReboot>");
        assertThat(render("grandstream", "<gs_provision><config><P47>10.0.0.10:5060</P47><P35>201</P35></config>"
                + "</gs_provision>", TO_FALLBACK)).contains("<P47>10.0.1.10:5070</P47>", "<P2312>10.0.0.10:5060</P2312>",
                "<P35>201</P35>");
    }

    @Test
    void everyTemplateRendersToAFileWithTheDesiredServers() throws Exception {
        for (String name : PROFILES.names()) {
            ProvisioningProfile p = PROFILES.get(name).orElseThrow();
            Overlay.Rendered r = Overlay.fromTemplate(p, PRIMARY.address(), FALLBACK.address(), TO_FALLBACK);
            assertThat(r.accounts()).as(name).containsExactly(1);
            assertThat(Overlay.servers(p, r.content(), 1).get(0)).as(name).isEqualTo(FALLBACK.address());
        }
    }

    @Test
    void refusesFilesItCannotParseWithoutQuotingThem() {
        assertThatThrownBy(() -> render("yealink", "account.1.password = hunter2\nthis is no key value line\n",
                TO_FALLBACK)).isInstanceOf(UnparsableFileException.class).hasMessage(
                "line 2: neither 'key = value' nor a comment");
        assertThatThrownBy(() -> render("cisco-mpp", "<flat-profile><Password_1_>hunter2</Password_1_>",
                TO_FALLBACK)).isInstanceOf(UnparsableFileException.class).message().doesNotContain("hunter2");
        assertThatThrownBy(() -> render("cisco-mpp", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<flat-profile><Proxy_1_>&e;</Proxy_1_></flat-profile>", TO_FALLBACK))
                .isInstanceOf(UnparsableFileException.class);
        assertThatThrownBy(() -> Overlay.render(PROFILES.get("yealink").orElseThrow(), new byte[] {(byte) 0xff, 'a'},
                TO_FALLBACK)).isInstanceOf(UnparsableFileException.class).hasMessage("not UTF-8 text");
    }
}

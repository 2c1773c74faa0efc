package org.phonecontroller.protocols.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.phonecontroller.protocols.CallState;

class ReplyParsersTest {

    @Test
    void readsPolycomDeviceInfoAndConfigValues() {
        assertThat(PolycomReplies.deviceInfo("{\"Status\":\"2000\",\"data\":{\"ModelNumber\":\"VVX 450\","
                + "\"FirmwareRelease\":\"6.4.3\",\"MACAddress\":\"0004f2aabbcc\"}}"))
                .isEqualTo(new PolycomReplies.DeviceInfo("VVX 450", "6.4.3", "0004f2aabbcc"));
        assertThat(PolycomReplies.configValues("{\"Status\":\"2000\",\"data\":{\"a\":\"10.0.0.10\","
                + "\"b\":{\"Value\":\"5060\"}}}", List.of("a", "b"))).containsEntry("a", "10.0.0.10")
                .containsEntry("b", "5060");
    }

    @Test
    void tellsPolycomErrorsFromGarbage() {
        assertThatThrownBy(() -> PolycomReplies.accepted("{\"Status\":\"4003\"}"))
                .isInstanceOf(MalformedReplyException.ErrorStatus.class).hasMessageContaining("Status 4003");
        assertThatThrownBy(() -> PolycomReplies.accepted("<html>Login</html>"))
                .isExactlyInstanceOf(MalformedReplyException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> PolycomReplies.configValues("{\"Status\":\"2000\",\"data\":{}}", List.of("a")))
                .hasMessage("config reply lacks 'a'");
    }

    @Test
    void readsPolycomCallState() {
        assertThat(PolycomReplies.callState("{\"Status\":\"4007\"}")).isEqualTo(CallState.IDLE);
        assertThat(PolycomReplies.callState("{\"Status\":\"2000\",\"data\":{\"CallState\":\"Connected\"}}"))
                .isEqualTo(CallState.BUSY);
        assertThat(PolycomReplies.callState("{\"Status\":\"5000\"}")).isEqualTo(CallState.UNKNOWN);
    }

    @Test
    void readsSnomSettingsAsXmlOrTextDump() {
        assertThat(SnomSettings.parse("<settings><phone-settings><user_host idx=\"1\" perm=\"\">10.0.0.10:5060"
                + "</user_host><phone_type perm=\"R\">snomD785</phone_type></phone-settings></settings>"))
                .containsEntry("user_host1", "10.0.0.10:5060").containsEntry("phone_type", "snomD785");
        assertThat(SnomSettings.parse("user_host1!: 10.0.0.10\nphone_type$: snom D785/10.1.73.16\n"))
                .containsEntry("user_host1", "10.0.0.10").containsEntry("phone_type", "snom D785/10.1.73.16");
    }

    @Test
    void refusesSnomXmlWithADoctypeOrWithoutSettings() {
        assertThatThrownBy(() -> SnomSettings.parse("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<settings>&e;</settings>")).isInstanceOf(MalformedReplyException.class);
        assertThatThrownBy(() -> SnomSettings.parse("<html><body>Login</body></html>"))
                .hasMessageStartingWith("XML without <settings>");
        assertThatThrownBy(() -> SnomSettings.parse("")).hasMessageStartingWith("not Snom settings");
    }

    @Test
    void readsGrandstreamRepliesAndNoticesAnExpiredSession() {
        assertThat(GrandstreamReplies.sid("{\"response\":\"success\",\"body\":{\"sid\":\"abc\"}}")).isEqualTo("abc");
        assertThat(GrandstreamReplies.values("{\"response\":\"success\",\"body\":{\"P47\":\"10.0.0.10:5060\"}}"))
                .containsEntry("P47", "10.0.0.10:5060");
        assertThat(GrandstreamReplies.lineState("{\"response\":\"success\",\"body\":[{\"line\":1,\"state\":\"idle\"},"
                + "{\"line\":2,\"state\":\"connected\"}]}")).isEqualTo(CallState.BUSY);
        assertThatThrownBy(() -> GrandstreamReplies.values("{\"response\":\"error\",\"body\":\"session-expired\"}"))
                .isInstanceOf(GrandstreamReplies.SessionExpired.class);
        assertThatThrownBy(() -> GrandstreamReplies.sid("{\"response\":\"error\",\"body\":\"bad password\"}"))
                .isInstanceOf(GrandstreamReplies.LoginRefused.class);
        assertThatThrownBy(() -> GrandstreamReplies.accepted("{\"response\":\"success\",\"body\":{\"status\":"
                + "\"wrong\"}}")).isInstanceOf(MalformedReplyException.ErrorStatus.class);
    }
}

package org.phonecontroller.protocols.snmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.phonecontroller.protocols.ServerAddress;

class ServerAddressFormatTest {

    private final ServerAddressFormat cisco = new ServerAddressFormat("ADDRTYPE:HOST:PORT");

    @Test
    void writesCiscoSessionTargetsByAddressType() {
        assertThat(cisco.format(new ServerAddress("10.0.0.10", 5060))).isEqualTo("ipv4:10.0.0.10:5060");
        assertThat(cisco.format(new ServerAddress("pbx.example.com", 5070))).isEqualTo("dns:pbx.example.com:5070");
        assertThat(cisco.format(new ServerAddress("2001:db8::1", 5060))).isEqualTo("ipv6:[2001:db8::1]:5060");
    }

    @Test
    void readsCiscoSessionTargetsWithAndWithoutPort() {
        assertThat(cisco.parse("ipv4:10.0.0.10:5070")).contains(new ServerAddress("10.0.0.10", 5070));
        assertThat(cisco.parse("dns:pbx.example.com")).contains(new ServerAddress("pbx.example.com", 5060));
        assertThat(cisco.parse("ipv6:[2001:db8::1]:5062")).contains(new ServerAddress("2001:db8::1", 5062));
        assertThat(cisco.parse("10.0.0.11:5062")).contains(new ServerAddress("10.0.0.11", 5062));
        assertThat(cisco.parse("  ")).isEmpty();
    }

    @Test
    void refusesAValueThatDoesNotFollowTheFormat() {
        assertThatThrownBy(() -> cisco.parse("sip:10.0.0.10"))
                .hasMessage("'sip:10.0.0.10' does not follow the format 'ADDRTYPE:HOST:PORT'");
    }

    @Test
    void supportsPlainHostAndHostPortFormats() {
        ServerAddressFormat host = new ServerAddressFormat("HOST");
        ServerAddressFormat hostPort = new ServerAddressFormat("HOST:PORT");

        assertThat(host.format(new ServerAddress("10.0.0.10", 5060))).isEqualTo("10.0.0.10");
        assertThat(host.carriesPort()).isFalse();
        assertThat(hostPort.parse("10.0.0.10:5080")).contains(new ServerAddress("10.0.0.10", 5080));
        assertThat(hostPort.format(new ServerAddress("::1", 5060))).isEqualTo("[::1]:5060");
    }
}

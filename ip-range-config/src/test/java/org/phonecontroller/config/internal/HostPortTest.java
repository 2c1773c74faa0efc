package org.phonecontroller.config.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostPortTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            10.0.0.10:5060          | 10.0.0.10        | 5060
            10.0.0.10               | 10.0.0.10        | -
            pbx.example.com:5061    | pbx.example.com  | 5061
            localhost               | localhost        | -
            [2001:db8::10]:5061     | 2001:db8::10     | 5061
            [2001:DB8:0::10]        | 2001:db8::10     | -
            2001:db8::10            | 2001:db8::10     | -
            """)
    void readsHostsAndPorts(String text, String host, Integer port) {
        HostPort hp = HostPort.parse(text);
        assertThat(hp.host()).isEqualTo(host);
        assertThat(hp.port()).isEqualTo(Optional.ofNullable(port));
        assertThat(HostPort.parse(hp.toString())).isEqualTo(hp);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            10.0.0.10:70000      | must be from 1 to 65535, not 70000
            10.0.0.10:0          | must be from 1 to 65535, not 0
            10.0.0.10:50a        | must be a number from 1 to 65535
            10.0.0.300           | '10.0.0.300' is not a valid IPv4 address
            pbx_1.example.com    | neither an IP address nor a valid host name
            -pbx.example.com     | neither an IP address nor a valid host name
            :5060                | has no host
            2001:db8::10:5060:x  | write IPv6 with a port as [ADDRESS]:PORT
            [10.0.0.1]:5060      | in brackets is not an IPv6 address
            [2001:db8::1         | opens '[' without closing it
            """)
    void explainsBadAddresses(String text, String why) {
        assertThatThrownBy(() -> HostPort.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(why);
    }
}

package org.phonecontroller.protocols.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.InetAddress;

import org.junit.jupiter.api.Test;

class AddressSpanTest {

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void parsesSinglesRangesAndPrefixes() throws Exception {
        assertThat(AddressSpan.parse("10.1.0.0/22")).isEqualTo(new AddressSpan(ip("10.1.0.0"), ip("10.1.3.255")));
        assertThat(AddressSpan.parse("10.1.8.10-10.1.8.200").size()).isEqualTo(BigInteger.valueOf(191));
        assertThat(AddressSpan.parse("127.0.0.7").size()).isEqualTo(BigInteger.ONE);
        assertThat(AddressSpan.parse("2001:db8::/120").size()).isEqualTo(BigInteger.valueOf(256));
    }

    @Test
    void countsAcrossByteBoundariesInBothFamilies() throws Exception {
        var v4 = AddressSpan.parse("10.0.0.250-10.0.2.5");
        assertThat(v4.addressAt(0)).isEqualTo(ip("10.0.0.250"));
        assertThat(v4.addressAt(6)).isEqualTo(ip("10.0.1.0"));
        assertThat(v4.addressAt(267)).isEqualTo(ip("10.0.2.5"));
        var v6 = AddressSpan.parse("2001:db8::ff00-2001:db8::1:ff");
        assertThat(v6.addressAt(256)).isEqualTo(ip("2001:db8::1:0"));
        assertThat(v6.contains(ip("2001:db8::1:ff"))).isTrue();
        assertThat(v6.contains(ip("2001:db8::1:100"))).isFalse();
        assertThat(v6.contains(ip("10.0.0.1"))).isFalse();
    }

    @Test
    void refusesSpansThatMakeNoSense() {
        assertThatThrownBy(() -> AddressSpan.parse("10.0.0.9-10.0.0.1")).hasMessageContaining("ends before");
        assertThatThrownBy(() -> AddressSpan.parse("10.0.0.1-::1")).hasMessageContaining("mixes");
        assertThatThrownBy(() -> AddressSpan.parse("phone.example.com")).hasMessageContaining("not an IP");
        assertThatThrownBy(() -> AddressSpan.parse("10.0.0.0/33")).hasMessageContaining("prefix");
    }
}

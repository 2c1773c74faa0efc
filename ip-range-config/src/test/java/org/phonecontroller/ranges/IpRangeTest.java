package org.phonecontroller.ranges;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpRangeTest {

    private static InetAddress ip(String text) {
        return IpAddresses.parse(text);
    }

    @Test
    void parsesCidrBlocks() {
        IpRange r = IpRange.parse("10.1.0.0/22");
        assertThat(r.first()).isEqualTo(ip("10.1.0.0"));
        assertThat(r.last()).isEqualTo(ip("10.1.3.255"));
        assertThat(r.size()).isEqualTo(BigInteger.valueOf(1024));
        assertThat(r.sizeAsLong()).isEqualTo(1024);
        assertThat(r.family()).isEqualTo(IpFamily.IPV4);
    }

    @Test
    void parsesInclusiveSpansAndSingleAddresses() {
        assertThat(IpRange.parse("10.1.8.10-10.1.8.200").sizeAsLong()).isEqualTo(191);
        assertThat(IpRange.parse(" 10.1.8.10 - 10.1.8.200 ").sizeAsLong()).isEqualTo(191);
        IpRange single = IpRange.parse("10.1.8.7");
        assertThat(single.first()).isEqualTo(single.last()).isEqualTo(ip("10.1.8.7"));
        assertThat(single.sizeAsLong()).isEqualTo(1);
    }

    @Test
    void parsesIpv6Forms() {
        assertThat(IpRange.parse("2001:db8::/64").size()).isEqualTo(BigInteger.ONE.shiftLeft(64));
        assertThat(IpRange.parse("2001:db8::10-2001:db8::1f").sizeAsLong()).isEqualTo(16);
        assertThat(IpRange.parse("::1").first()).isEqualTo(ip("0:0:0:0:0:0:0:1"));
        assertThat(IpRange.parse("::/0").size()).isEqualTo(BigInteger.ONE.shiftLeft(128));
        assertThat(IpRange.parse("::ffff:10.0.0.0/120").first()).isInstanceOf(Inet6Address.class);
        assertThatThrownBy(() -> IpRange.parse("::/0").sizeAsLong()).isInstanceOf(ArithmeticException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            10.1.0.0/22               | 10.1.0.0/22
            10.1.8.10-10.1.8.200      | 10.1.8.10-10.1.8.200
            10.1.8.0-10.1.8.255       | 10.1.8.0/24
            10.1.8.7/32               | 10.1.8.7
            10.1.8.7-10.1.8.7         | 10.1.8.7
            0.0.0.0/0                 | 0.0.0.0/0
            2001:DB8:0:0::/64         | 2001:db8::/64
            2001:db8::1-2001:db8::2   | 2001:db8::1-2001:db8::2
            2001:db8:0:0:1:0:0:1      | 2001:db8::1:0:0:1
            1:0:0:2:0:0:0:3           | 1:0:0:2::3
            ::ffff:1.2.3.4            | ::ffff:102:304
            """)
    void formatsCanonicallyAndParsesBack(String written, String canonical) {
        IpRange r = IpRange.parse(written);
        assertThat(r).hasToString(canonical);
        assertThat(IpRange.parse(r.toString())).isEqualTo(r);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            10.1.0.0/33               | the prefix length of an IPv4 block is 0 to 32
            10.1.8.200-10.1.8.10      | ends before it starts (did you mean '10.1.8.10-10.1.8.200'?)
            300.1.1.1                 | '300.1.1.1' is not an IPv4 or IPv6 address
            10.1.1.0/22               | host bits are set; did you mean 10.1.0.0/22?
            10.1.1.1-2001:db8::1      | mixes IPv4 and IPv6
            floor-1                   | 'floor' is not an IPv4 or IPv6 address
            10.1.1                    | '10.1.1' is not an IPv4 or IPv6 address
            010.1.1.1                 | '010.1.1.1' is not an IPv4 or IPv6 address
            10.1.0.0/                 | the prefix length must be a number from 0 to 32
            10.1.0.0/22-10.1.9.9      | use either FIRST-LAST or ADDRESS/PREFIX, not both
            2001:db8::/129            | the prefix length of an IPv6 block is 0 to 128
            1::2::3                   | '1::2::3' is not an IPv4 or IPv6 address
            fe80::1%eth0              | 'fe80::1%eth0' is not an IPv4 or IPv6 address
            10.1.1.1-                 | an address is missing
            """)
    void rejectsInvalidTextQuotingIt(String text, String why) {
        assertThatThrownBy(() -> IpRange.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid address range '" + text + "': " + why);
    }

    @ParameterizedTest
    @ValueSource(strings = {"www.example.com", "localhost", "", "  ", "1.2.3.4.5", "::g", "1:2:3:4:5:6:7:8:9"})
    void neverResolvesNamesOrAcceptsGarbage(String text) {
        assertThatThrownBy(() -> IpRange.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void containsOnlyAddressesOfItsFamilyBetweenFirstAndLast() {
        IpRange r = IpRange.parse("10.1.8.10-10.1.8.200");
        assertThat(r.contains(ip("10.1.8.10"))).isTrue();
        assertThat(r.contains(ip("10.1.8.200"))).isTrue();
        assertThat(r.contains(ip("10.1.8.9"))).isFalse();
        assertThat(r.contains(ip("10.1.8.201"))).isFalse();
        assertThat(r.contains(ip("::ffff:10.1.8.20"))).isFalse();
    }

    @Test
    void intersectsOverlappingRanges() {
        IpRange a = IpRange.parse("10.1.0.0/22");
        IpRange b = IpRange.parse("10.1.2.0-10.1.9.9");
        assertThat(a.overlaps(b)).isTrue();
        assertThat(a.intersection(b)).contains(IpRange.parse("10.1.2.0-10.1.3.255"));
        assertThat(a.intersection(IpRange.parse("10.1.4.0/24"))).isEmpty();
        assertThat(a.overlaps(IpRange.parse("::/0"))).isFalse();
        assertThat(a.encloses(IpRange.parse("10.1.3.0/24"))).isTrue();
    }

    @Test
    void iteratesLazilyEvenOverHugeRanges() {
        Iterator<InetAddress> it = IpRange.parse("2001:db8::/32").iterator();
        assertThat(it.next()).isEqualTo(ip("2001:db8::"));
        assertThat(it.next()).isEqualTo(ip("2001:db8::1"));
        assertThat(IpRange.parse("0.0.0.0/0").stream().skip(256).findFirst()).contains(ip("0.0.1.0"));
        List<InetAddress> tail = IpRange.parse("10.0.0.254-10.0.1.1").stream().toList();
        assertThat(tail).containsExactly(ip("10.0.0.254"), ip("10.0.0.255"), ip("10.0.1.0"), ip("10.0.1.1"));
    }

    @Test
    void endsIterationAtTheTopOfTheAddressSpace() {
        assertThat(IpRange.parse("255.255.255.254/31").stream().count()).isEqualTo(2);
        assertThat(IpRange.parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/127").stream().count()).isEqualTo(2);
    }

    @Test
    void dropsHostNamesFromGivenAddresses() throws Exception {
        InetAddress named = InetAddress.getByAddress("pbx.example", new byte[] {10, 0, 0, 1});
        assertThat(IpRange.of(named)).isEqualTo(IpRange.parse("10.0.0.1"));
        assertThat(IpRange.of(named).toString()).isEqualTo("10.0.0.1");
    }
}

package org.phonecontroller.config;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import org.phonecontroller.ranges.IpRange;

/**
 * A range of phones sharing a primary and a fallback PhoneManager.
 *
 * @param name        unique name, used by {@code phonectl --range}
 * @param addresses   the address blocks of the range (disjoint from each other and from every other range)
 * @param primary     the PhoneManager the phones use normally
 * @param fallback    the PhoneManager they are moved to while the primary is down
 * @param protocols   how to talk to the phones, tried in order, e.g. {@code snmp:sip-ua-generic}
 * @param credentials the key in the credentials file (default: the range name, else {@code default})
 * @param allowLarge  admits more than {@link #LARGE_RANGE_LIMIT} addresses
 * @param requireRegistration where the target PhoneManager has a registrar view, a phone is verified only once it
 *                    is registered there ({@code requireRegistration:}, default true); false: read-back suffices
 */
public record RangeConfig(String name, List<IpRange> addresses, String primary, String fallback,
                          List<String> protocols, String credentials, boolean allowLarge,
                          boolean requireRegistration) {

    /** Ranges with more addresses need {@code allowLarge: true} (a /16 is the largest without it). */
    public static final int LARGE_RANGE_LIMIT = 65_536;

    public RangeConfig {
        Objects.requireNonNull(name, "name");
        addresses = List.copyOf(addresses);
        Objects.requireNonNull(primary, "primary");
        Objects.requireNonNull(fallback, "fallback");
        protocols = List.copyOf(protocols);
        Objects.requireNonNull(credentials, "credentials");
    }

    /** A range that requires registration where a view exists (the default). */
    public RangeConfig(String name, List<IpRange> addresses, String primary, String fallback, List<String> protocols,
                       String credentials, boolean allowLarge) {
        this(name, addresses, primary, fallback, protocols, credentials, allowLarge, true);
    }

    /** The number of addresses in the range. */
    public BigInteger size() {
        return addresses.stream().map(IpRange::size).reduce(BigInteger.ZERO, BigInteger::add);
    }

    /** True when one of the range's blocks holds {@code address}. */
    public boolean contains(InetAddress address) {
        return addresses.stream().anyMatch(r -> r.contains(address));
    }
}

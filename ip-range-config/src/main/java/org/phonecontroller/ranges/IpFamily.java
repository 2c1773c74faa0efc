package org.phonecontroller.ranges;

import java.math.BigInteger;

/** The two IP address families, with their address width. */
public enum IpFamily {
    IPV4(32),
    IPV6(128);

    private final int bits;
    private final BigInteger maxValue;

    IpFamily(int bits) {
        this.bits = bits;
        this.maxValue = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
    }

    /** Address width in bits: 32 or 128. */
    public int bits() {
        return bits;
    }

    /** Address width in bytes: 4 or 16. */
    public int bytes() {
        return bits / 8;
    }

    /** The highest address of the family as an unsigned number. */
    public BigInteger maxValue() {
        return maxValue;
    }

    @Override
    public String toString() {
        return this == IPV4 ? "IPv4" : "IPv6";
    }
}

package org.phonecontroller.protocols.sweep;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A contiguous block of addresses to sweep, {@code first} to {@code last} inclusive, both IPv4 or both IPv6. The
 * sweeper never sends to an address outside the spans it was given.
 */
public record AddressSpan(InetAddress first, InetAddress last) {

    public AddressSpan {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (first.getAddress().length != last.getAddress().length) {
            throw new IllegalArgumentException("span " + first.getHostAddress() + "-" + last.getHostAddress()
                    + " mixes IPv4 and IPv6");
        }
        if (Arrays.compareUnsigned(first.getAddress(), last.getAddress()) > 0) {
            throw new IllegalArgumentException("span " + first.getHostAddress() + "-" + last.getHostAddress()
                    + " ends before it starts");
        }
    }

    public static AddressSpan of(InetAddress single) {
        return new AddressSpan(single, single);
    }

    /** Parses {@code A}, {@code A-B} or an IPv4 {@code A/prefix} (literals only, no name lookups). */
    public static AddressSpan parse(String text) {
        String t = text.strip();
        try {
            int dash = t.indexOf('-');
            if (dash > 0) {
                return new AddressSpan(literal(t.substring(0, dash)), literal(t.substring(dash + 1)));
            }
            int slash = t.indexOf('/');
            if (slash > 0) {
                InetAddress base = literal(t.substring(0, slash));
                int bits = base.getAddress().length * 8;
                int prefix = Integer.parseInt(t.substring(slash + 1));
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException("prefix /" + prefix + " outside 0.." + bits);
                }
                BigInteger value = new BigInteger(1, base.getAddress());
                BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
                BigInteger low = value.andNot(hostMask);
                return new AddressSpan(fromValue(low, bits / 8), fromValue(low.or(hostMask), bits / 8));
            }
            return of(literal(t));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not an address span (A, A-B or A/prefix): "
                    + e.getMessage(), e);
        }
    }

    /** How many addresses the span holds. */
    public BigInteger size() {
        return new BigInteger(1, last.getAddress()).subtract(new BigInteger(1, first.getAddress()))
                .add(BigInteger.ONE);
    }

    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        return a.length == first.getAddress().length && Arrays.compareUnsigned(first.getAddress(), a) <= 0
                && Arrays.compareUnsigned(a, last.getAddress()) <= 0;
    }

    public boolean overlaps(AddressSpan other) {
        return first.getAddress().length == other.first.getAddress().length
                && Arrays.compareUnsigned(first.getAddress(), other.last.getAddress()) <= 0
                && Arrays.compareUnsigned(other.first.getAddress(), last.getAddress()) <= 0;
    }

    /** The address {@code offset} places after {@code first}; offset must be below {@link #size()}. */
    InetAddress addressAt(long offset) {
        byte[] b = first.getAddress();
        long carry = offset;
        for (int i = b.length - 1; i >= 0 && carry != 0; i--) {
            long sum = (b[i] & 0xffL) + (carry & 0xff);
            b[i] = (byte) sum;
            carry = (carry >>> 8) + (sum >>> 8);
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    public boolean isIpv4() {
        return first instanceof Inet4Address;
    }

    @Override
    public String toString() {
        return first.equals(last) ? first.getHostAddress() : first.getHostAddress() + "-" + last.getHostAddress();
    }

    private static InetAddress literal(String s) {
        String t = s.strip();
        if (t.isEmpty() || !(t.indexOf(':') >= 0 || t.matches("\\d{1,3}(\\.\\d{1,3}){3}"))) {
            throw new IllegalArgumentException("'" + s + "' is not an IP address literal");
        }
        try {
            return InetAddress.getByName(t); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + s + "' is not an IP address literal", e);
        }
    }

    private static InetAddress fromValue(BigInteger v, int bytes) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[bytes];
        int n = Math.min(raw.length, bytes);
        System.arraycopy(raw, raw.length - n, out, bytes - n, n);
        try {
            return InetAddress.getByAddress(out);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}

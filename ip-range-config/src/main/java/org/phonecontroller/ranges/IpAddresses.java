package org.phonecontroller.ranges;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Address literals without name resolution.
 *
 * <p>{@link InetAddress#getByName(String)} resolves anything that is not a literal through DNS, which a
 * configuration parser must never do. These methods parse and format IPv4 dotted quads and IPv6 text
 * (RFC 4291 section 2.2, including an embedded IPv4 tail) themselves and build addresses from bytes only.
 */
public final class IpAddresses {
    private IpAddresses() {
    }

    /**
     * Parses an IPv4 or IPv6 address literal.
     *
     * @throws IllegalArgumentException naming the text when it is not an address literal
     */
    public static InetAddress parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException(
                "'" + text + "' is not an IPv4 or IPv6 address"));
    }

    /** Parses an IPv4 or IPv6 address literal, or returns empty. Never resolves names. */
    public static Optional<InetAddress> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        byte[] bytes = text.indexOf(':') >= 0 ? parseIpv6(text) : parseIpv4(text);
        return Optional.ofNullable(bytes).map(IpAddresses::fromBytes);
    }

    /** True for IPv4 dotted quads and IPv6 literals, false for host names and garbage. */
    public static boolean isLiteral(String text) {
        return tryParse(text).isPresent();
    }

    /** The family of an address. */
    public static IpFamily familyOf(InetAddress address) {
        return address instanceof Inet4Address ? IpFamily.IPV4 : IpFamily.IPV6;
    }

    /** The address as an unsigned number (0 to 2^32-1 or 2^128-1). */
    public static BigInteger toBigInteger(InetAddress address) {
        return new BigInteger(1, address.getAddress());
    }

    /** The address of the family whose unsigned number is {@code value}. */
    public static InetAddress fromBigInteger(IpFamily family, BigInteger value) {
        if (value.signum() < 0 || value.compareTo(family.maxValue()) > 0) {
            throw new IllegalArgumentException(value + " is outside the " + family + " address space");
        }
        byte[] raw = value.toByteArray();
        byte[] bytes = new byte[family.bytes()];
        int copy = Math.min(raw.length, bytes.length);
        System.arraycopy(raw, raw.length - copy, bytes, bytes.length - copy, copy);
        return fromBytes(bytes);
    }

    /** An IPv4 address from its unsigned 32-bit value. */
    static InetAddress fromIpv4Value(long value) {
        return fromBytes(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    /**
     * An address from 4 or 16 bytes. Sixteen bytes always give an {@link Inet6Address}, also for
     * IPv4-mapped addresses, which {@link InetAddress#getByAddress(byte[])} would silently turn into IPv4.
     */
    public static InetAddress fromBytes(byte[] bytes) {
        try {
            return switch (bytes.length) {
                case 4 -> InetAddress.getByAddress(bytes);
                case 16 -> Inet6Address.getByAddress(null, bytes, -1);
                default -> throw new IllegalArgumentException("an address has 4 or 16 bytes, not " + bytes.length);
            };
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an address has 4 or 16 bytes, not " + bytes.length, e);
        }
    }

    /** Formats an address as a literal: a dotted quad, or the RFC 5952 canonical IPv6 text. */
    public static String format(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
        }
        return formatIpv6(b);
    }

    private static String formatIpv6(byte[] b) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        // RFC 5952: compress the longest run of two or more zero groups, the first one on a tie.
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!out.isEmpty() && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    /** Four decimal octets 0-255 without leading zeros (which some parsers read as octal). */
    static byte[] parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0') || !allDigits(p)) {
                return null;
            }
            int value = Integer.parseInt(p);
            if (value > 255) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        return bytes;
    }

    private static byte[] parseIpv6(String text) {
        if (text.length() > 45 || text.indexOf('%') >= 0) {
            return null; // zone ids name an interface of this host: not meaningful in a range
        }
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
            return null;
        }
        String head = doubleColon >= 0 ? text.substring(0, doubleColon) : text;
        String tail = doubleColon >= 0 ? text.substring(doubleColon + 2) : "";
        int[] headGroups = groups(head, doubleColon < 0);
        int[] tailGroups = doubleColon >= 0 ? groups(tail, true) : new int[0];
        if (headGroups == null || tailGroups == null) {
            return null;
        }
        int total = headGroups.length + tailGroups.length;
        if (doubleColon < 0 ? total != 8 : total > 7) {
            return null;
        }
        int[] all = new int[8];
        System.arraycopy(headGroups, 0, all, 0, headGroups.length);
        System.arraycopy(tailGroups, 0, all, 8 - tailGroups.length, tailGroups.length);
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[2 * i] = (byte) (all[i] >>> 8);
            bytes[2 * i + 1] = (byte) all[i];
        }
        return bytes;
    }

    /** Colon-separated hex groups; the last part may be a dotted quad (two groups) when it ends the text. */
    private static int[] groups(String part, boolean mayEndWithIpv4) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] fields = part.split(":", -1);
        int[] out = new int[fields.length + 1];
        int n = 0;
        for (int i = 0; i < fields.length; i++) {
            String f = fields[i];
            if (i == fields.length - 1 && mayEndWithIpv4 && f.indexOf('.') >= 0) {
                byte[] v4 = parseIpv4(f);
                if (v4 == null) {
                    return null;
                }
                out[n++] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
                out[n++] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
                continue;
            }
            if (f.isEmpty() || f.length() > 4 || !allHex(f)) {
                return null;
            }
            out[n++] = Integer.parseInt(f, 16);
        }
        return Arrays.copyOf(out, n);
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean allHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0 || s.charAt(i) > 'f') {
                return false;
            }
        }
        return true;
    }
}

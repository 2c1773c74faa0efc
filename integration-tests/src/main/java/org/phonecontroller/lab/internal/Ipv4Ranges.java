package org.phonecontroller.lab.internal;

import java.util.Arrays;

/** Parses the lab's IPv4 address forms and enumerates phone addresses inside 127.0.0.0/8. */
public final class Ipv4Ranges {
    private static final int LOOPBACK_NET = 127 << 24;

    private Ipv4Ranges() {
    }

    /** First and last address (inclusive) of {@code a.b.c.d}, {@code a.b.c.d/n} or {@code a.b.c.d-e.f.g.h}. */
    public static long[] parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        int dash = t.indexOf('-');
        if (slash >= 0) {
            int base = parseAddress(t.substring(0, slash));
            int bits;
            try {
                bits = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "': prefix length is not a number");
            }
            if (bits < 8 || bits > 32) {
                throw new IllegalArgumentException("'" + text + "': prefix length must be within 8..32");
            }
            long mask = bits == 0 ? 0 : (0xffffffffL << (32 - bits)) & 0xffffffffL;
            long first = (base & 0xffffffffL) & mask;
            return new long[] {first, first | (~mask & 0xffffffffL)};
        }
        if (dash >= 0) {
            long first = parseAddress(t.substring(0, dash)) & 0xffffffffL;
            long last = parseAddress(t.substring(dash + 1)) & 0xffffffffL;
            if (last < first) {
                throw new IllegalArgumentException("'" + text + "': range ends before it starts");
            }
            return new long[] {first, last};
        }
        long a = parseAddress(t) & 0xffffffffL;
        return new long[] {a, a};
    }

    /** Parses a dotted IPv4 address. */
    public static int parseAddress(String text) {
        String[] parts = text.trim().split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 address");
        }
        int value = 0;
        for (String p : parts) {
            int octet;
            try {
                octet = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not an IPv4 address");
            }
            if (octet < 0 || octet > 255 || p.isEmpty() || p.length() > 3) {
                throw new IllegalArgumentException("'" + text + "' is not an IPv4 address");
            }
            value = (value << 8) | octet;
        }
        return value;
    }

    /** 127.0.0.0/16 holds the machine's own loopback services (127.0.0.1, 127.0.0.53, 127.0.1.1). */
    public static boolean isHostReserved(long address) {
        return (address >>> 16) == 0x7f00;
    }

    public static boolean isLoopback(long address) {
        return (address & 0xff000000L) == (LOOPBACK_NET & 0xffffffffL);
    }

    /**
     * The first {@code count} usable phone addresses of [first, last]: addresses ending in .0 or .255 are skipped
     * (as a network would). Returns fewer when the range is smaller.
     */
    public static int[] phoneAddresses(long first, long last, int count) {
        int[] out = new int[count];
        int n = 0;
        for (long a = first; a <= last && n < count; a++) {
            int lastOctet = (int) (a & 0xff);
            if (lastOctet == 0 || lastOctet == 255) {
                continue;
            }
            out[n++] = (int) a;
        }
        return n == count ? out : Arrays.copyOf(out, n);
    }

    public static long usableCount(long first, long last) {
        long n = 0;
        for (long a = first; a <= last; a++) {
            int lastOctet = (int) (a & 0xff);
            if (lastOctet != 0 && lastOctet != 255) {
                n++;
            }
        }
        return n;
    }
}

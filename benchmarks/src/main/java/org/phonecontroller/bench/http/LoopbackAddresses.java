package org.phonecontroller.bench.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** Consecutive IPv4 loopback addresses: the benchmarks talk to 127.0.0.0/8 only. */
public final class LoopbackAddresses {

    private LoopbackAddresses() {
    }

    /**
     * {@code count} addresses from {@code first} on, in dotted form.
     *
     * @throws IllegalArgumentException when {@code first} is not an IPv4 literal or the run leaves 127.0.0.0/8
     */
    public static List<String> from(String first, int count) {
        InetAddress start;
        try {
            start = InetAddress.getByName(first);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + first + "' is not an IPv4 address", e);
        }
        byte[] b = start.getAddress();
        if (b.length != 4 || !first.matches("[0-9.]+")) {
            throw new IllegalArgumentException("'" + first + "' is not an IPv4 literal");
        }
        long base = ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16) | ((b[2] & 0xFFL) << 8) | (b[3] & 0xFFL);
        if (count < 1 || (base >>> 24) != 127 || ((base + count - 1) >>> 24) != 127) {
            throw new IllegalArgumentException(count + " addresses from " + first + " leave 127.0.0.0/8");
        }
        List<String> out = new ArrayList<>(count);
        for (long a = base; a < base + count; a++) {
            out.add(((a >>> 24) & 0xFF) + "." + ((a >>> 16) & 0xFF) + "." + ((a >>> 8) & 0xFF) + "." + (a & 0xFF));
        }
        return out;
    }
}

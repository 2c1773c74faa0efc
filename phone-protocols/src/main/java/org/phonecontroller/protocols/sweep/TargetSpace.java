package org.phonecontroller.protocols.sweep;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Numbers the targets of a plan: target {@code t} is address {@code t / kinds} (counted through the spans in
 * address order) asked with kind {@code t % kinds}. Also the guard that no destination lies outside the spans.
 */
final class TargetSpace {

    private final AddressSpan[] spans;
    private final long[] startIndex;
    private final SweepKind[] kinds;
    private final long targets;

    TargetSpace(List<AddressSpan> spanList, List<SweepKind> kindList) {
        var sorted = new ArrayList<>(spanList);
        sorted.sort(Comparator.comparing(s -> new java.math.BigInteger(1, s.first().getAddress())));
        spans = sorted.toArray(AddressSpan[]::new);
        startIndex = new long[spans.length];
        long next = 0;
        for (int i = 0; i < spans.length; i++) {
            startIndex[i] = next;
            next = Math.addExact(next, spans[i].size().longValueExact());
        }
        kinds = kindList.toArray(SweepKind[]::new);
        targets = Math.multiplyExact(next, kinds.length);
    }

    long targets() {
        return targets;
    }

    SweepKind kind(long target) {
        return kinds[(int) (target % kinds.length)];
    }

    InetAddress address(long target) {
        long index = target / kinds.length;
        int s = Arrays.binarySearch(startIndex, index);
        if (s < 0) {
            s = -s - 2;
        }
        return spans[s].addressAt(index - startIndex[s]);
    }

    /** Throws when {@code address} is outside every span: sending there would break the sweeper's promise. */
    void guard(InetAddress address) {
        for (AddressSpan span : spans) {
            if (span.contains(address)) {
                return;
            }
        }
        throw new IllegalStateException("refusing to send to " + address.getHostAddress()
                + ": outside the swept spans " + Arrays.toString(spans));
    }
}

package org.phonecontroller.ranges;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * Finds which range an address belongs to in O(log n), and lists every overlap between ranges.
 *
 * <p>Each entry pairs an {@link IpRange} with a value (a configured range, a name, ...). Entries are kept
 * sorted by their first address per family; a lookup is a binary search. When entries overlap (which a
 * valid configuration never has) a lookup still answers correctly with one of the containing entries.
 *
 * @param <T> what an address maps to
 */
public final class RangeIndex<T> {

    /** One range and what it stands for. */
    public record Entry<T>(IpRange range, T value) {
    }

    /**
     * Two entries sharing addresses. {@code first} was given before {@code second}; {@code span} is the
     * addresses they share.
     */
    public record Overlap<T>(Entry<T> first, Entry<T> second, IpRange span) {
    }

    private final List<Entry<T>> entries;
    private final Map<IpFamily, Sorted<T>> byFamily = new EnumMap<>(IpFamily.class);

    private RangeIndex(List<Entry<T>> entries) {
        this.entries = List.copyOf(entries);
        for (IpFamily family : IpFamily.values()) {
            byFamily.put(family, new Sorted<>(this.entries, family));
        }
    }

    /** An index over the entries, in the given order (which {@link #overlaps()} reports by). */
    public static <T> RangeIndex<T> of(List<Entry<T>> entries) {
        return new RangeIndex<>(entries);
    }

    /** All entries in the order given. */
    public List<Entry<T>> entries() {
        return entries;
    }

    /** The entry whose range contains {@code address}. */
    public Optional<Entry<T>> find(InetAddress address) {
        return byFamily.get(IpAddresses.familyOf(address)).find(IpAddresses.toBigInteger(address));
    }

    /** The value whose range contains {@code address}. */
    public Optional<T> lookup(InetAddress address) {
        return find(address).map(Entry::value);
    }

    /**
     * Every pair of entries that share addresses, with the shared span; found by one sweep over the
     * entries sorted by start, so the cost is O(n log n + number of overlaps). Ordered by the later entry of
     * each pair, then the earlier one, in the order the entries were given.
     */
    public List<Overlap<T>> overlaps() {
        return overlaps(Integer.MAX_VALUE);
    }

    /**
     * At most {@code limit} overlapping pairs (n identical ranges overlap in n(n-1)/2 pairs: a bound keeps
     * reporting on hostile input cheap). Below the limit the answer equals {@link #overlaps()}.
     */
    public List<Overlap<T>> overlaps(int limit) {
        List<int[]> pairs = new ArrayList<>();
        for (Sorted<T> sorted : byFamily.values()) {
            sorted.sweep(pairs, limit);
        }
        pairs.sort(Comparator.comparingInt((int[] p) -> p[1]).thenComparingInt(p -> p[0]));
        List<Overlap<T>> out = new ArrayList<>(pairs.size());
        for (int[] p : pairs) {
            Entry<T> a = entries.get(p[0]);
            Entry<T> b = entries.get(p[1]);
            out.add(new Overlap<>(a, b, a.range().intersection(b.range()).orElseThrow()));
        }
        return out;
    }

    /** Entries of one family sorted by start, with the running maximum of ends for lookups among overlaps. */
    private static final class Sorted<T> {
        private final List<Entry<T>> sorted;
        private final int[] inputPosition;
        private final BigInteger[] starts;
        private final BigInteger[] ends;
        private final BigInteger[] maxEndSoFar;

        Sorted(List<Entry<T>> entries, IpFamily family) {
            List<Integer> positions = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i).range().family() == family) {
                    positions.add(i);
                }
            }
            positions.sort(Comparator.comparing((Integer i) -> entries.get(i).range().start()));
            inputPosition = positions.stream().mapToInt(Integer::intValue).toArray();
            sorted = positions.stream().map(entries::get).toList();
            int n = sorted.size();
            starts = new BigInteger[n];
            ends = new BigInteger[n];
            maxEndSoFar = new BigInteger[n];
            for (int i = 0; i < n; i++) {
                starts[i] = sorted.get(i).range().start();
                ends[i] = sorted.get(i).range().end();
                maxEndSoFar[i] = i == 0 ? ends[i] : ends[i].max(maxEndSoFar[i - 1]);
            }
        }

        Optional<Entry<T>> find(BigInteger value) {
            int lo = 0;
            int hi = starts.length - 1;
            int candidate = -1;
            while (lo <= hi) { // the last entry starting at or before value
                int mid = (lo + hi) >>> 1;
                if (starts[mid].compareTo(value) <= 0) {
                    candidate = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            // Without overlaps the candidate is the only possible match; with overlaps, look further back
            // only while some earlier entry still reaches this far.
            for (int i = candidate; i >= 0 && maxEndSoFar[i].compareTo(value) >= 0; i--) {
                if (ends[i].compareTo(value) >= 0) {
                    return Optional.of(sorted.get(i));
                }
            }
            return Optional.empty();
        }

        /** Adds {earlier input position, later input position} for every overlapping pair. */
        void sweep(List<int[]> pairs, int limit) {
            PriorityQueue<Integer> active = new PriorityQueue<>(Comparator.comparing((Integer i) -> ends[i]));
            for (int i = 0; i < sorted.size(); i++) {
                while (!active.isEmpty() && ends[active.peek()].compareTo(starts[i]) < 0) {
                    active.poll();
                }
                for (int j : active) {
                    if (pairs.size() >= limit) {
                        return;
                    }
                    int a = inputPosition[j];
                    int b = inputPosition[i];
                    pairs.add(new int[] {Math.min(a, b), Math.max(a, b)});
                }
                active.add(i);
            }
        }
    }
}

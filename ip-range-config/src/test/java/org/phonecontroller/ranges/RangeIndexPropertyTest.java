package org.phonecontroller.ranges;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class RangeIndexPropertyTest {

    /** Up to 30 IPv4 ranges inside 10.0.0.0-10.0.3.255, so that overlaps are common. */
    @Provide
    Arbitrary<List<IpRange>> rangeLists() {
        Arbitrary<IpRange> range = Combinators.combine(Arbitraries.integers().between(0, 1023),
                Arbitraries.integers().between(0, 200)).as((start, length) -> new IpRange(
                        IpAddresses.fromIpv4Value(0x0A000000L + start),
                        IpAddresses.fromIpv4Value(0x0A000000L + Math.min(1023, start + length))));
        return range.list().ofMaxSize(30);
    }

    private static RangeIndex<Integer> index(List<IpRange> ranges) {
        List<RangeIndex.Entry<Integer>> entries = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            entries.add(new RangeIndex.Entry<>(ranges.get(i), i));
        }
        return RangeIndex.of(entries);
    }

    @Property
    void findsAnAddressExactlyWhenSomeRangeHoldsIt(@ForAll("rangeLists") List<IpRange> ranges,
                                                     @ForAll @IntRange(min = -5, max = 1030) int offset) {
        var address = IpAddresses.fromIpv4Value(0x0A000000L + offset);
        var found = index(ranges).lookup(address);
        assertThat(found.isPresent()).isEqualTo(ranges.stream().anyMatch(r -> r.contains(address)));
        found.ifPresent(i -> assertThat(ranges.get(i).contains(address)).isTrue());
    }

    @Property
    void listsExactlyThePairsThatShareAddresses(@ForAll("rangeLists") List<IpRange> ranges) {
        Set<String> expected = new HashSet<>();
        for (int j = 0; j < ranges.size(); j++) {
            for (int i = 0; i < j; i++) {
                int a = i;
                int b = j;
                ranges.get(a).intersection(ranges.get(b)).ifPresent(span -> expected.add(a + "," + b + "," + span));
            }
        }
        List<String> found = index(ranges).overlaps().stream()
                .map(o -> o.first().value() + "," + o.second().value() + "," + o.span()).toList();
        assertThat(found).doesNotHaveDuplicates();
        assertThat(new HashSet<>(found)).isEqualTo(expected);
    }
}

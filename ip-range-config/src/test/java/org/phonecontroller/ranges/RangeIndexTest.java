package org.phonecontroller.ranges;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RangeIndexTest {

    private static RangeIndex.Entry<String> entry(String range, String name) {
        return new RangeIndex.Entry<>(IpRange.parse(range), name);
    }

    @Test
    void findsTheRangeOfAnAddress() {
        RangeIndex<String> index = RangeIndex.of(List.of(entry("10.1.0.0/22", "floor-1"),
                entry("10.1.8.10-10.1.8.200", "floor-1"), entry("10.2.0.0/16", "floor-2"),
                entry("2001:db8::/64", "v6")));
        assertThat(index.lookup(IpAddresses.parse("10.1.3.255"))).contains("floor-1");
        assertThat(index.lookup(IpAddresses.parse("10.1.8.100"))).contains("floor-1");
        assertThat(index.lookup(IpAddresses.parse("10.1.8.201"))).isEmpty();
        assertThat(index.lookup(IpAddresses.parse("10.2.200.1"))).contains("floor-2");
        assertThat(index.lookup(IpAddresses.parse("2001:db8::ff"))).contains("v6");
        assertThat(index.lookup(IpAddresses.parse("9.255.255.255"))).isEmpty();
        assertThat(index.overlaps()).isEmpty();
    }

    @Test
    void reportsEveryOverlappingPairWithTheSharedSpan() {
        RangeIndex<String> index = RangeIndex.of(List.of(entry("10.1.0.0/22", "floor-1"),
                entry("10.1.2.0/23", "floor-2"), entry("10.0.0.0/8", "all"), entry("10.9.0.0/16", "floor-9")));
        List<String> found = new ArrayList<>();
        index.overlaps().forEach(o -> found.add(o.second().value() + " overlaps " + o.first().value() + " at "
                + o.span().toSpanString()));
        assertThat(found).containsExactly(
                "floor-2 overlaps floor-1 at 10.1.2.0-10.1.3.255",
                "all overlaps floor-1 at 10.1.0.0-10.1.3.255",
                "all overlaps floor-2 at 10.1.2.0-10.1.3.255",
                "floor-9 overlaps all at 10.9.0.0-10.9.255.255");
    }

    @Test
    void findsAContainingRangeEvenAmongOverlaps() {
        RangeIndex<String> index = RangeIndex.of(List.of(entry("10.0.0.0/8", "big"), entry("10.1.0.0/24", "small"),
                entry("10.1.5.0/24", "later")));
        assertThat(index.lookup(IpAddresses.parse("10.1.3.1"))).contains("big");
        assertThat(index.lookup(IpAddresses.parse("10.1.0.1"))).hasValueSatisfying(v -> assertThat(v).isIn("big", "small"));
    }
}

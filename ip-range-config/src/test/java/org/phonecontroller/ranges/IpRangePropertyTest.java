package org.phonecontroller.ranges;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class IpRangePropertyTest {

    /** Ranges of both families, small enough to iterate (at most 300 addresses), anywhere in the space. */
    @Provide
    Arbitrary<IpRange> smallRanges() {
        return Combinators.combine(Arbitraries.of(IpFamily.values()), bigIntegers(128), Arbitraries.integers()
                .between(0, 299)).as((family, seed, extra) -> span(family, seed, BigInteger.valueOf(extra)));
    }

    /** Ranges of any size, often sharing addresses with each other (starts drawn from a small window). */
    @Provide
    Arbitrary<IpRange> ranges() {
        Arbitrary<BigInteger> nearby = Arbitraries.integers().between(0, 5000).map(BigInteger::valueOf);
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of(IpFamily.values()), nearby, nearby)
                        .as((family, start, extra) -> span(family, start.add(base(family)), extra)),
                Combinators.combine(Arbitraries.of(IpFamily.values()), bigIntegers(128), bigIntegers(128))
                        .as((family, start, extra) -> span(family, start, extra)),
                cidrs());
    }

    @Provide
    Arbitrary<IpRange> cidrs() {
        return Combinators.combine(Arbitraries.of(IpFamily.values()), bigIntegers(128), Arbitraries.integers()
                .between(0, 128)).as((family, seed, prefix) -> {
                    int p = Math.min(prefix, family.bits());
                    BigInteger hostMask = BigInteger.ONE.shiftLeft(family.bits() - p).subtract(BigInteger.ONE);
                    BigInteger start = seed.and(family.maxValue()).andNot(hostMask);
                    return IpRange.ofCidr(IpAddresses.fromBigInteger(family, start), p);
                });
    }

    private static Arbitrary<BigInteger> bigIntegers(int bits) {
        return Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
    }

    private static BigInteger base(IpFamily family) {
        return family == IpFamily.IPV4 ? BigInteger.valueOf(0x0A010000L) : new BigInteger("20010db8000000000000000000000000", 16);
    }

    private static IpRange span(IpFamily family, BigInteger start, BigInteger extra) {
        BigInteger first = start.and(family.maxValue());
        BigInteger last = first.add(extra.and(family.maxValue())).min(family.maxValue());
        return new IpRange(IpAddresses.fromBigInteger(family, first), IpAddresses.fromBigInteger(family, last));
    }

    @Property
    void iteratesExactlySizeAddressesInOrder(@ForAll("smallRanges") IpRange range) {
        List<InetAddress> all = range.stream().toList();
        assertThat(BigInteger.valueOf(all.size())).isEqualTo(range.size());
        assertThat(all.getFirst()).isEqualTo(range.first());
        assertThat(all.getLast()).isEqualTo(range.last());
        assertThat(all).allSatisfy(a -> assertThat(range.contains(a)).isTrue());
        assertThat(all.stream().map(IpAddresses::toBigInteger).distinct().count()).isEqualTo(all.size());
    }

    @Property
    void overlapIsSymmetric(@ForAll("ranges") IpRange a, @ForAll("ranges") IpRange b) {
        assertThat(a.overlaps(b)).isEqualTo(b.overlaps(a));
        assertThat(a.intersection(b)).isEqualTo(b.intersection(a));
        assertThat(a.intersection(b).isPresent()).isEqualTo(a.overlaps(b));
    }

    @Property
    void intersectionHoldsExactlyTheAddressesOfBoth(@ForAll("ranges") IpRange a, @ForAll("ranges") IpRange b) {
        Optional<IpRange> both = a.intersection(b);
        for (InetAddress x : probes(a, b)) {
            assertThat(both.map(r -> r.contains(x)).orElse(false))
                    .as("%s in %s and %s", IpAddresses.format(x), a, b)
                    .isEqualTo(a.contains(x) && b.contains(x));
        }
        both.ifPresent(r -> assertThat(a.encloses(r) && b.encloses(r)).isTrue());
    }

    /** The edges of both ranges and their neighbours: where an off-by-one would show. */
    private static List<InetAddress> probes(IpRange a, IpRange b) {
        return List.of(a.start(), a.end(), b.start(), b.end()).stream()
                .flatMap(v -> List.of(v.subtract(BigInteger.ONE), v, v.add(BigInteger.ONE)).stream())
                .filter(v -> v.signum() >= 0 && v.compareTo(a.family().maxValue()) <= 0)
                .map(v -> IpAddresses.fromBigInteger(a.family(), v))
                .toList();
    }

    @Property
    void parsesWhatItPrints(@ForAll("ranges") IpRange range) {
        assertThat(IpRange.parse(range.toString())).isEqualTo(range);
        assertThat(IpRange.parse(range.toSpanString())).isEqualTo(range);
    }

    @Property
    void printsCidrBlocksAsCidr(@ForAll("cidrs") IpRange block) {
        int prefix = block.prefixLength().orElseThrow();
        assertThat(block.size()).isEqualTo(BigInteger.ONE.shiftLeft(block.family().bits() - prefix));
        assertThat(block.toString()).isEqualTo(prefix == block.family().bits()
                ? IpAddresses.format(block.first()) : IpAddresses.format(block.first()) + "/" + prefix);
    }

    @Property
    void addressesSurviveFormatAndParse(@ForAll("ranges") IpRange range) {
        for (InetAddress a : List.of(range.first(), range.last())) {
            assertThat(IpAddresses.parse(IpAddresses.format(a)).getAddress()).isEqualTo(a.getAddress());
        }
    }

    @Property
    void refusesAnyTextItCannotParseWithAMessageQuotingIt(@ForAll("rangeLikeText") String text) {
        try {
            IpRange range = IpRange.parse(text);
            assertThat(IpRange.parse(range.toString())).isEqualTo(range);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
            if (!text.isBlank()) {
                assertThat(e.getMessage()).contains("'" + text + "'");
            }
        }
    }

    @Provide
    Arbitrary<String> rangeLikeText() {
        return Arbitraries.strings().withChars("0123456789abcdefABCDEF:.-/ %x").ofMaxLength(45);
    }
}

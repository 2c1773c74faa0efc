package org.phonecontroller.ranges;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * An inclusive span of IPv4 or IPv6 addresses, from {@code first} to {@code last}.
 *
 * <p>Parsed from {@code 10.1.0.0/22} (CIDR), {@code 10.1.8.10-10.1.8.200} (inclusive span),
 * {@code 10.1.8.7} (one address) and the same forms in IPv6 ({@code 2001:db8::/64},
 * {@code 2001:db8::10-2001:db8::1ff}, {@code ::1}). A CIDR block whose host bits are set
 * ({@code 10.1.1.0/22}) is rejected, naming the block that was probably meant: a scanner must not
 * silently widen or move what an admin wrote.
 *
 * <p>{@link #toString()} gives the shortest of these forms and parses back to an equal range.
 * Iteration is lazy: a /8 or an IPv6 /64 is never materialised.
 */
public record IpRange(InetAddress first, InetAddress last) implements Iterable<InetAddress> {

    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /**
     * @throws IllegalArgumentException when the families differ or {@code first} is above {@code last}
     */
    public IpRange {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        // Normalise: drop host names and scope ids, keep IPv4-mapped IPv6 addresses as IPv6.
        first = IpAddresses.fromBytes(first.getAddress());
        last = IpAddresses.fromBytes(last.getAddress());
        if (IpAddresses.familyOf(first) != IpAddresses.familyOf(last)) {
            throw new IllegalArgumentException("'" + IpAddresses.format(first) + "-" + IpAddresses.format(last)
                    + "' mixes IPv4 and IPv6");
        }
        if (IpAddresses.toBigInteger(first).compareTo(IpAddresses.toBigInteger(last)) > 0) {
            throw new IllegalArgumentException("'" + IpAddresses.format(first) + "-" + IpAddresses.format(last)
                    + "' ends before it starts");
        }
    }

    /**
     * Parses a CIDR block, an inclusive span {@code FIRST-LAST} or a single address.
     *
     * @throws IllegalArgumentException whose message quotes {@code text} and says what is wrong
     */
    public static IpRange parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no address range given");
        }
        String t = text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty address range");
        }
        int slash = t.indexOf('/');
        int dash = t.indexOf('-');
        if (slash >= 0 && dash >= 0) {
            throw invalid(text, "use either FIRST-LAST or ADDRESS/PREFIX, not both");
        }
        if (slash >= 0) {
            return parseCidr(text, t.substring(0, slash).strip(), t.substring(slash + 1).strip());
        }
        if (dash >= 0) {
            if (t.indexOf('-', dash + 1) >= 0) {
                throw invalid(text, "a span has exactly one '-'");
            }
            InetAddress from = address(text, t.substring(0, dash).strip());
            InetAddress to = address(text, t.substring(dash + 1).strip());
            if (IpAddresses.familyOf(from) != IpAddresses.familyOf(to)) {
                throw invalid(text, "mixes IPv4 and IPv6");
            }
            if (IpAddresses.toBigInteger(from).compareTo(IpAddresses.toBigInteger(to)) > 0) {
                throw invalid(text, "ends before it starts (did you mean '" + t.substring(dash + 1).strip() + "-"
                        + t.substring(0, dash).strip() + "'?)");
            }
            return new IpRange(from, to);
        }
        InetAddress single = address(text, t);
        return new IpRange(single, single);
    }

    /** The block {@code base/prefixLength}; {@code base} must have no host bits set. */
    public static IpRange ofCidr(InetAddress base, int prefixLength) {
        return cidr(IpAddresses.format(base) + "/" + prefixLength, base, prefixLength);
    }

    /** The range holding just {@code address}. */
    public static IpRange of(InetAddress address) {
        return new IpRange(address, address);
    }

    private static IpRange parseCidr(String text, String base, String prefix) {
        InetAddress address = address(text, base);
        IpFamily family = IpAddresses.familyOf(address);
        if (prefix.isEmpty() || prefix.length() > 3 || !prefix.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid(text, "the prefix length must be a number from 0 to " + family.bits());
        }
        return cidr(text, address, Integer.parseInt(prefix));
    }

    private static IpRange cidr(String text, InetAddress base, int prefixLength) {
        IpFamily family = IpAddresses.familyOf(base);
        if (prefixLength < 0 || prefixLength > family.bits()) {
            throw invalid(text, "the prefix length of an " + family + " block is 0 to " + family.bits());
        }
        BigInteger hostMask = BigInteger.ONE.shiftLeft(family.bits() - prefixLength).subtract(BigInteger.ONE);
        BigInteger start = IpAddresses.toBigInteger(base);
        if (start.and(hostMask).signum() != 0) {
            String meant = IpAddresses.format(IpAddresses.fromBigInteger(family, start.andNot(hostMask)));
            throw invalid(text, "host bits are set; did you mean " + meant + "/" + prefixLength + "?");
        }
        return new IpRange(base, IpAddresses.fromBigInteger(family, start.or(hostMask)));
    }

    private static InetAddress address(String text, String part) {
        return IpAddresses.tryParse(part).orElseThrow(() -> invalid(text,
                part.isEmpty() ? "an address is missing" : "'" + part + "' is not an IPv4 or IPv6 address"));
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("invalid address range '" + text + "': " + why);
    }

    /** IPv4 or IPv6. */
    public IpFamily family() {
        return IpAddresses.familyOf(first);
    }

    /** The first address as an unsigned number. */
    public BigInteger start() {
        return IpAddresses.toBigInteger(first);
    }

    /** The last address as an unsigned number. */
    public BigInteger end() {
        return IpAddresses.toBigInteger(last);
    }

    /** The exact number of addresses (up to 2^128 for all of IPv6). */
    public BigInteger size() {
        return end().subtract(start()).add(BigInteger.ONE);
    }

    /**
     * The number of addresses as a long.
     *
     * @throws ArithmeticException when the range holds more than {@link Long#MAX_VALUE} addresses
     */
    public long sizeAsLong() {
        BigInteger size = size();
        if (size.compareTo(LONG_MAX) > 0) {
            throw new ArithmeticException(this + " holds " + size + " addresses, more than a long can count");
        }
        return size.longValue();
    }

    /** True when {@code address} is of this range's family and lies between first and last. */
    public boolean contains(InetAddress address) {
        if (IpAddresses.familyOf(address) != family()) {
            return false;
        }
        BigInteger value = IpAddresses.toBigInteger(address);
        return value.compareTo(start()) >= 0 && value.compareTo(end()) <= 0;
    }

    /** True when every address of {@code other} is in this range. */
    public boolean encloses(IpRange other) {
        return other.family() == family() && other.start().compareTo(start()) >= 0
                && other.end().compareTo(end()) <= 0;
    }

    /** True when the ranges share at least one address. Ranges of different families never overlap. */
    public boolean overlaps(IpRange other) {
        return other.family() == family() && other.start().compareTo(end()) <= 0
                && start().compareTo(other.end()) <= 0;
    }

    /** The addresses both ranges hold, if any. */
    public Optional<IpRange> intersection(IpRange other) {
        if (!overlaps(other)) {
            return Optional.empty();
        }
        InetAddress from = start().compareTo(other.start()) >= 0 ? first : other.first;
        InetAddress to = end().compareTo(other.end()) <= 0 ? last : other.last;
        return Optional.of(new IpRange(from, to));
    }

    /** The prefix length when this range is exactly one CIDR block. */
    public Optional<Integer> prefixLength() {
        BigInteger size = size();
        if (size.bitCount() != 1) {
            return Optional.empty();
        }
        int hostBits = size.bitLength() - 1;
        if (start().getLowestSetBit() < hostBits && start().signum() != 0) {
            return Optional.empty();
        }
        return Optional.of(family().bits() - hostBits);
    }

    /** Every address from first to last, in order, computed lazily. */
    @Override
    public Iterator<InetAddress> iterator() {
        return family() == IpFamily.IPV4 ? new Ipv4Iterator(start().longValue(), end().longValue())
                : new Ipv6Iterator(start(), end());
    }

    /** Every address from first to last, in order, computed lazily. */
    public Stream<InetAddress> stream() {
        int characteristics = Spliterator.ORDERED | Spliterator.DISTINCT | Spliterator.NONNULL
                | Spliterator.IMMUTABLE;
        BigInteger size = size();
        Spliterator<InetAddress> spliterator = size.compareTo(LONG_MAX) <= 0
                ? Spliterators.spliterator(iterator(), size.longValue(), characteristics)
                : Spliterators.spliteratorUnknownSize(iterator(), characteristics);
        return StreamSupport.stream(spliterator, false);
    }

    /** {@code FIRST-LAST}, or the single address: how overlaps and spans read in messages. */
    public String toSpanString() {
        return first.equals(last) ? IpAddresses.format(first)
                : IpAddresses.format(first) + "-" + IpAddresses.format(last);
    }

    /** The shortest of single address, CIDR block or {@code FIRST-LAST}; parses back to an equal range. */
    @Override
    public String toString() {
        if (first.equals(last)) {
            return IpAddresses.format(first);
        }
        return prefixLength().map(p -> IpAddresses.format(first) + "/" + p).orElseGet(this::toSpanString);
    }

    private static final class Ipv4Iterator implements Iterator<InetAddress> {
        private long next;
        private final long last;

        Ipv4Iterator(long first, long last) {
            this.next = first;
            this.last = last;
        }

        @Override
        public boolean hasNext() {
            return next <= last;
        }

        @Override
        public InetAddress next() {
            if (next > last) {
                throw new NoSuchElementException();
            }
            return IpAddresses.fromIpv4Value(next++);
        }
    }

    private static final class Ipv6Iterator implements Iterator<InetAddress> {
        private BigInteger next;
        private final BigInteger last;

        Ipv6Iterator(BigInteger first, BigInteger last) {
            this.next = first;
            this.last = last;
        }

        @Override
        public boolean hasNext() {
            return next.compareTo(last) <= 0;
        }

        @Override
        public InetAddress next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            InetAddress address = IpAddresses.fromBigInteger(IpFamily.IPV6, next);
            next = next.add(BigInteger.ONE);
            return address;
        }
    }
}

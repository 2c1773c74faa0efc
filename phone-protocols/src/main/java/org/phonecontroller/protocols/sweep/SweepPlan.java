package org.phonecontroller.protocols.sweep;

import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One sweep: where, what, how fast.
 *
 * @param spans         the addresses, non-overlapping; nothing outside them is ever sent to
 * @param kinds         SNMP and/or SIP
 * @param snmpPort      usually 161
 * @param sipPort       usually 5060
 * @param tcpPort       the port of the TCP-connect sweep ({@link SweepKind#TCP}): the phones' HTTP(S) API, 80 or 443
 * @param snmpCommunity v2c community (a secret: never printed)
 * @param ratePerSecond requests per second, 0 for unthrottled
 * @param maxInFlight   most requests awaiting an answer at once, 0 for no cap
 * @param retries       extra rounds for targets that did not answer
 * @param timeout       how long a request waits for its answer
 * @param seed          randomises the order of targets
 * @param bind          the local socket address (port 0: any)
 */
public record SweepPlan(List<AddressSpan> spans, Set<SweepKind> kinds, int snmpPort, int sipPort, int tcpPort,
                        String snmpCommunity, double ratePerSecond, int maxInFlight, int retries, Duration timeout,
                        long seed, InetSocketAddress bind) {

    /** The most targets (address × kind) of one sweep: a /10 for one kind. Bounds the sweeper's memory. */
    public static final long MAX_TARGETS = 1L << 22;

    public SweepPlan {
        spans = List.copyOf(Objects.requireNonNull(spans, "spans"));
        kinds = Set.copyOf(EnumSet.copyOf(Objects.requireNonNull(kinds, "kinds")));
        Objects.requireNonNull(snmpCommunity, "snmpCommunity");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(bind, "bind");
        if (spans.isEmpty()) {
            throw new IllegalArgumentException("nothing to sweep: no address spans");
        }
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("nothing to ask: no sweep kinds");
        }
        checkPort(snmpPort, "SNMP");
        checkPort(sipPort, "SIP");
        checkPort(tcpPort, "TCP");
        if (!(ratePerSecond >= 0) || ratePerSecond > 10_000_000) {
            throw new IllegalArgumentException("rate " + ratePerSecond + "/s outside 0 (unthrottled)..10,000,000");
        }
        if (maxInFlight < 0 || retries < 0 || retries > 10) {
            throw new IllegalArgumentException("maxInFlight " + maxInFlight + " < 0 or retries " + retries
                    + " outside 0..10");
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("sweep timeout " + timeout + " outside (0, 1m]");
        }
        if (bind.getAddress() instanceof java.net.Inet4Address && !bind.getAddress().isAnyLocalAddress()
                && spans.stream().anyMatch(s -> !s.isIpv4())) {
            throw new IllegalArgumentException("an IPv4 bind address " + bind.getAddress().getHostAddress()
                    + " cannot reach the IPv6 spans");
        }
        var sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparing(s -> new BigInteger(1, s.first().getAddress())));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i - 1).overlaps(sorted.get(i))) {
                throw new IllegalArgumentException("spans " + sorted.get(i - 1) + " and " + sorted.get(i)
                        + " overlap: an address would be asked twice");
            }
        }
        BigInteger total = spans.stream().map(AddressSpan::size).reduce(BigInteger.ZERO, BigInteger::add)
                .multiply(BigInteger.valueOf(kinds.size()));
        if (total.compareTo(BigInteger.valueOf(MAX_TARGETS)) > 0) {
            throw new IllegalArgumentException("sweep of " + total + " targets exceeds " + MAX_TARGETS
                    + "; split it into smaller sweeps");
        }
    }

    /** SNMP on 161, SIP on 5060, TCP on 80, unthrottled, no cap, 1 retry, 1 s timeout, any local port. */
    public static SweepPlan of(List<AddressSpan> spans, Set<SweepKind> kinds, String community) {
        return new SweepPlan(spans, kinds, 161, 5060, 80, community, 0, 0, 1, Duration.ofSeconds(1),
                System.nanoTime(), new InetSocketAddress(0));
    }

    public SweepPlan withRate(double perSecond, int inFlight) {
        return new SweepPlan(spans, kinds, snmpPort, sipPort, tcpPort, snmpCommunity, perSecond, inFlight, retries, timeout,
                seed, bind);
    }

    public SweepPlan withPorts(int snmp, int sip) {
        return new SweepPlan(spans, kinds, snmp, sip, tcpPort, snmpCommunity, ratePerSecond, maxInFlight, retries, timeout,
                seed, bind);
    }

    /** The port of the TCP-connect sweep. */
    public SweepPlan withTcpPort(int port) {
        return new SweepPlan(spans, kinds, snmpPort, sipPort, port, snmpCommunity, ratePerSecond, maxInFlight,
                retries, timeout, seed, bind);
    }

    public SweepPlan withRetries(int count, Duration wait) {
        return new SweepPlan(spans, kinds, snmpPort, sipPort, tcpPort, snmpCommunity, ratePerSecond, maxInFlight, count,
                wait, seed, bind);
    }

    public SweepPlan withBind(InetSocketAddress local) {
        return new SweepPlan(spans, kinds, snmpPort, sipPort, tcpPort, snmpCommunity, ratePerSecond, maxInFlight, retries,
                timeout, seed, local);
    }

    public SweepPlan withSeed(long newSeed) {
        return new SweepPlan(spans, kinds, snmpPort, sipPort, tcpPort, snmpCommunity, ratePerSecond, maxInFlight, retries,
                timeout, newSeed, bind);
    }

    /** The number of address × kind targets. */
    public long targets() {
        return spans.stream().map(AddressSpan::size).reduce(BigInteger.ZERO, BigInteger::add).longValueExact()
                * kinds.size();
    }

    private static void checkPort(int port, String what) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(what + " port " + port + " outside 1..65535");
        }
    }

    /** Without the community. */
    @Override
    public String toString() {
        return "SweepPlan[spans=" + spans + ", kinds=" + kinds + ", ports=" + snmpPort + "/" + sipPort + "/" + tcpPort
                + ", rate=" + (ratePerSecond == 0 ? "unthrottled" : ratePerSecond + "/s") + ", maxInFlight="
                + maxInFlight + ", retries=" + retries + ", timeout=" + timeout + "]";
    }
}

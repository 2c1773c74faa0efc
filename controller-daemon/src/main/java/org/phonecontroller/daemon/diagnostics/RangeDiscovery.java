package org.phonecontroller.daemon.diagnostics;

import io.github.bucket4j.Bucket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.phonecontroller.config.SnmpCredentials;
import org.phonecontroller.protocols.sweep.AddressSpan;
import org.phonecontroller.protocols.sweep.SweepKind;
import org.phonecontroller.protocols.sweep.SweepPlan;
import org.phonecontroller.protocols.sweep.Sweeper;
import org.phonecontroller.ranges.IpAddresses;
import org.phonecontroller.ranges.IpRange;

/**
 * One sweep of a range, without the daemon. The fast {@link Sweeper} asks every address once by SIP OPTIONS (for
 * {@code sip}) and SNMP v2c (for {@code snmp:*} protocols with a community); the addresses that answer are then
 * identified with the protocols in order. Protocols the sweeper cannot stand in for (SNMPv3, the vendor HTTP APIs)
 * are asked at every address, at most {@code ratePerSecond} addresses per second and {@value #IN_FLIGHT} at once.
 * Only the given blocks are ever asked.
 */
public final class RangeDiscovery {

    static final int IN_FLIGHT = 128;

    private final Sweeper sweeper;

    public RangeDiscovery(Sweeper sweeper) {
        this.sweeper = sweeper;
    }

    public DiscoveryReport run(String name, List<IpRange> blocks, DiagnosticProtocols protocols, int ratePerSecond)
            throws InterruptedException {
        long started = System.nanoTime();
        long addresses = blocks.stream().map(IpRange::size).reduce(BigInteger.ZERO, BigInteger::add).longValueExact();
        List<DiagnosticProtocols.Entry> entries = protocols.entries();
        Set<SweepKind> kinds = EnumSet.noneOf(SweepKind.class);
        List<DiagnosticProtocols.Entry> direct = new ArrayList<>();
        String community = protocols.snmpCredentials().filter(c -> c instanceof SnmpCredentials.V2c)
                .map(c -> ((SnmpCredentials.V2c) c).community()).orElse(null);
        for (DiagnosticProtocols.Entry entry : entries) {
            if (entry instanceof DiagnosticProtocols.Ready ready) {
                if (ready.name().equals(SipOptionsIdentification.NAME)) {
                    kinds.add(SweepKind.SIP);
                } else if (ready.name().startsWith("snmp:") && community != null) {
                    kinds.add(SweepKind.SNMP);
                } else {
                    direct.add(ready);
                }
            }
        }
        Set<InetAddress> answered = ConcurrentHashMap.newKeySet();
        if (!kinds.isEmpty()) {
            SweepPlan plan = SweepPlan.of(blocks.stream().map(b -> new AddressSpan(b.first(), b.last())).toList(),
                            kinds, community == null ? "unused" : community)
                    .withRate(ratePerSecond, 0)
                    .withRetries(protocols.retries(), protocols.timeout())
                    .withBind(new InetSocketAddress(0));
            try {
                sweeper.run(plan, hit -> answered.add(hit.address()));
            } catch (IOException e) {
                throw new UncheckedIOException("the sweep of " + name + " failed", e);
            }
        }
        List<PhoneReport> phones = Collections.synchronizedList(new ArrayList<>());
        List<PhoneReport> refused = Collections.synchronizedList(new ArrayList<>());
        PhoneInspector inspector = PhoneInspector.forProtocols(protocols);
        Bucket rate = Bucket.builder().addLimit(limit -> limit.capacity(Math.max(1, ratePerSecond / 10))
                .refillGreedy(ratePerSecond, Duration.ofSeconds(1))).build();
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        long askedDirectly = 0;
        for (IpRange block : blocks) {
            for (InetAddress address : block) {
                boolean hit = answered.contains(address);
                if (!hit && direct.isEmpty()) {
                    continue;
                }
                if (!hit) {
                    rate.asBlocking().consume(1);
                    askedDirectly++;
                }
                inFlight.acquire();
                inspector.inspect(address, hit ? entries : direct, false).whenComplete((report, failure) -> {
                    try {
                        if (report != null && report.identified()) {
                            phones.add(report);
                        } else if (report != null
                                && report.attempts().stream().anyMatch(ProtocolAttempt::answeredButRefused)) {
                            refused.add(report);
                        }
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        inFlight.acquire(IN_FLIGHT); // every answer is in
        inFlight.release(IN_FLIGHT);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Comparator<PhoneReport> byAddress = Comparator.comparing(r -> IpAddresses.toBigInteger(
                IpAddresses.parse(r.address())));
        List<PhoneReport> sortedPhones = new ArrayList<>(phones);
        sortedPhones.sort(byAddress);
        List<PhoneReport> sortedRefused = new ArrayList<>(refused);
        sortedRefused.sort(byAddress);
        double perSecond = took.isZero() ? 0 : addresses / (took.toNanos() / 1e9);
        return new DiscoveryReport(name, addresses, kinds.stream().map(SweepKind::name).sorted().toList(),
                askedDirectly, sortedPhones, sortedRefused, took.toMillis(), Math.round(perSecond * 10) / 10.0,
                ratePerSecond);
    }
}

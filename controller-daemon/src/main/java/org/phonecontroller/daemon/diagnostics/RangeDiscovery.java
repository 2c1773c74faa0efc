package org.phonecontroller.daemon.diagnostics;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.phonecontroller.config.SnmpCredentials;
import org.phonecontroller.daemon.discovery.AddressSweep;
import org.phonecontroller.daemon.discovery.DiscoveryPipeline;
import org.phonecontroller.daemon.discovery.SweepProbes;
import org.phonecontroller.protocols.sweep.SweepKind;
import org.phonecontroller.ranges.IpAddresses;
import org.phonecontroller.ranges.IpRange;

/**
 * One sweep of a range, without the daemon, through the daemon's own {@link DiscoveryPipeline}: the sweep asks
 * every address once (SIP OPTIONS, SNMP v2c for {@code snmp:*} with a community, a TCP connect for the vendor
 * HTTP APIs), then only the addresses that answered are identified with the protocols in order. Only the given
 * blocks are ever asked.
 */
public final class RangeDiscovery {

    static final int IN_FLIGHT = 128;

    private final AddressSweep sweeper;

    public RangeDiscovery(AddressSweep sweeper) {
        this.sweeper = sweeper;
    }

    public DiscoveryReport run(String name, List<IpRange> blocks, DiagnosticProtocols protocols, int ratePerSecond)
            throws InterruptedException {
        long started = System.nanoTime();
        List<DiagnosticProtocols.Entry> entries = protocols.entries();
        Optional<String> community = protocols.snmpCredentials().filter(c -> c instanceof SnmpCredentials.V2c)
                .map(c -> ((SnmpCredentials.V2c) c).community());
        SweepProbes probes = SweepProbes.of(entries.stream().filter(e -> e instanceof DiagnosticProtocols.Ready)
                .map(DiagnosticProtocols.Entry::name).toList(), community, protocols.phoneHttpPort());
        var pipeline = new DiscoveryPipeline(sweeper, new DiscoveryPipeline.Settings(ratePerSecond,
                protocols.timeout(), Math.min(protocols.retries(), 10), IN_FLIGHT));
        List<PhoneReport> phones = Collections.synchronizedList(new ArrayList<>());
        List<PhoneReport> refused = Collections.synchronizedList(new ArrayList<>());
        var notAPhone = new AtomicLong();
        PhoneInspector inspector = PhoneInspector.forProtocols(protocols);
        DiscoveryPipeline.Result result = pipeline.run(blocks, probes,
                (InetAddress address) -> inspector.inspect(address, entries, false),
                (address, report) -> {
                    if (report.identified()) {
                        phones.add(report);
                    } else if (report.attempts().stream().anyMatch(ProtocolAttempt::answeredButRefused)) {
                        refused.add(report);
                    } else {
                        notAPhone.incrementAndGet();
                    }
                }, () -> false);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Comparator<PhoneReport> byAddress = Comparator.comparing(r -> IpAddresses.toBigInteger(
                IpAddresses.parse(r.address())));
        List<PhoneReport> sortedPhones = new ArrayList<>(phones);
        sortedPhones.sort(byAddress);
        List<PhoneReport> sortedRefused = new ArrayList<>(refused);
        sortedRefused.sort(byAddress);
        double perSecond = took.isZero() ? 0 : result.addresses() / (took.toNanos() / 1e9);
        return new DiscoveryReport(name, result.addresses(), probes.kinds().stream().map(SweepKind::name).sorted()
                .toList(), result.answered(), sortedPhones, sortedRefused, notAPhone.get(), took.toMillis(),
                Math.round(perSecond * 10) / 10.0, ratePerSecond);
    }
}

package org.phonecontroller.daemon.discovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.phonecontroller.config.ScanSettings;
import org.phonecontroller.protocols.sweep.AddressSpan;
import org.phonecontroller.protocols.sweep.SweepPlan;
import org.phonecontroller.protocols.sweep.SweepStats;
import org.phonecontroller.protocols.sweep.Sweeper;
import org.phonecontroller.ranges.IpAddresses;
import org.phonecontroller.ranges.IpRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one discovery pipeline, used by the daemon's scans (scheduled, requested, failback's rescan) and by
 * {@code phonectl discover}: <b>sweep</b> every address of the blocks once per {@link SweepProbes kind} (one
 * rate-limited non-blocking socket for UDP, non-blocking connects for TCP; {@code scan.retries} extra rounds for
 * the silent ones — the only place a silent address is asked again) → <b>identify</b> only the addresses that
 * answered, each once, while the sweep goes on (at most {@code identifyInFlight} at once) → the identifier reads
 * their servers. A silent address costs one probe per kind and round, never a per-address timeout.
 */
public final class DiscoveryPipeline {

    private static final Logger log = LoggerFactory.getLogger(DiscoveryPipeline.class);
    private static final InetAddress END = InetAddress.getLoopbackAddress();

    /**
     * How the sweep paces itself.
     *
     * @param ratePerSecond    sweep requests per second, all kinds together (never exceeded)
     * @param timeout          how long a sweep request waits for its answer
     * @param retries          extra sweep rounds for silent addresses
     * @param identifyInFlight addresses being identified at once
     */
    public record Settings(int ratePerSecond, Duration timeout, int retries, int identifyInFlight) {
        public Settings {
            Objects.requireNonNull(timeout, "timeout");
            if (ratePerSecond < 1 || retries < 0 || retries > 10 || identifyInFlight < 1) {
                throw new IllegalArgumentException("invalid discovery settings " + ratePerSecond + "/s, "
                        + retries + " retries, " + identifyInFlight + " identified at once");
            }
        }

        public static Settings of(ScanSettings scan) {
            return new Settings(scan.ratePerSecond(), scan.timeout(), scan.retries(), 64);
        }
    }

    /**
     * What one run did.
     *
     * @param addresses  addresses in the blocks
     * @param answered   distinct addresses that answered the sweep
     * @param identified addresses handed to the identifier (answered, and not skipped by it)
     * @param sweeps     the sweeps' own counts (one per chunk of at most {@link SweepPlan#MAX_TARGETS} targets)
     */
    public record Result(long addresses, long answered, long identified, List<SweepStats> sweeps) {
        public Result {
            sweeps = List.copyOf(sweeps);
        }

        public long refusedConnects() {
            return sweeps.stream().mapToLong(SweepStats::refused).sum();
        }
    }

    private final AddressSweep sweeper;
    private final Settings settings;

    public DiscoveryPipeline(Settings settings) {
        this(new Sweeper()::run, settings);
    }

    public DiscoveryPipeline(AddressSweep sweeper, Settings settings) {
        this.sweeper = Objects.requireNonNull(sweeper, "sweeper");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Sweeps {@code blocks} and identifies every address that answered, once.
     *
     * @param identify  asks one address; returns null to skip it (already identified elsewhere); its future
     *                  must not fail (failures belong in its result)
     * @param onOutcome hears each identified address's outcome, on the identifier's thread
     * @param stopping  checked between chunks and before each identification; true ends the run early
     * @throws UncheckedIOException when the sweep's socket cannot be opened
     */
    public <T> Result run(List<IpRange> blocks, SweepProbes probes,
                          Function<InetAddress, CompletableFuture<T>> identify, BiConsumer<InetAddress, T> onOutcome,
                          BooleanSupplier stopping) throws InterruptedException {
        long addresses = blocks.stream().map(IpRange::size).reduce(BigInteger.ZERO, BigInteger::add).longValueExact();
        Set<InetAddress> answered = ConcurrentHashMap.newKeySet();
        var queue = new LinkedBlockingQueue<InetAddress>();
        var identified = new AtomicLong();
        Semaphore inFlight = new Semaphore(settings.identifyInFlight());
        Thread dispatcher = Thread.ofVirtual().name("discovery-identify").start(() -> {
            try {
                for (InetAddress address = queue.take(); address != END; address = queue.take()) {
                    if (stopping.getAsBoolean()) {
                        continue;
                    }
                    inFlight.acquire();
                    InetAddress asked = address;
                    CompletableFuture<T> outcome = identify.apply(asked);
                    if (outcome == null) {
                        inFlight.release();
                        continue;
                    }
                    identified.incrementAndGet();
                    outcome.whenComplete((result, failure) -> {
                        try {
                            if (failure != null) {
                                log.warn("Identifying {} failed: {}", asked.getHostAddress(), failure.toString());
                            } else {
                                onOutcome.accept(asked, result);
                            }
                        } catch (RuntimeException e) {
                            log.error("Recording what {} answered failed", asked.getHostAddress(), e);
                        } finally {
                            inFlight.release();
                        }
                    });
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        List<SweepStats> sweeps = new ArrayList<>();
        try {
            for (List<AddressSpan> chunk : chunks(blocks, SweepPlan.MAX_TARGETS / probes.kinds().size())) {
                if (stopping.getAsBoolean()) {
                    break;
                }
                SweepPlan plan = SweepPlan.of(chunk, probes.kinds(), probes.community()) // empty: SNMPv3
                        .withTcpPort(probes.tcpPort())
                        .withRate(settings.ratePerSecond(), 0)
                        .withRetries(settings.retries(), settings.timeout())
                        .withBind(new InetSocketAddress(0));
                try {
                    sweeps.add(sweeper.run(plan, hit -> {
                        if (answered.add(hit.address())) {
                            queue.add(hit.address());
                        }
                    }));
                } catch (IOException e) {
                    throw new UncheckedIOException("the sweep could not open its socket: " + e.getMessage(), e);
                }
            }
        } finally {
            queue.add(END);
            dispatcher.join();
            inFlight.acquire(settings.identifyInFlight()); // every identification is in
            inFlight.release(settings.identifyInFlight());
        }
        return new Result(addresses, answered.size(), identified.get(), sweeps);
    }

    /** The blocks as sweep spans, cut into groups of at most {@code maxAddresses} addresses. */
    static List<List<AddressSpan>> chunks(List<IpRange> blocks, long maxAddresses) {
        List<List<AddressSpan>> chunks = new ArrayList<>();
        List<AddressSpan> current = new ArrayList<>();
        long room = maxAddresses;
        for (IpRange block : blocks) {
            BigInteger first = IpAddresses.toBigInteger(block.first());
            BigInteger last = IpAddresses.toBigInteger(block.last());
            var family = IpAddresses.familyOf(block.first());
            while (first.compareTo(last) <= 0) {
                BigInteger end = first.add(BigInteger.valueOf(room - 1)).min(last);
                current.add(new AddressSpan(IpAddresses.fromBigInteger(family, first),
                        IpAddresses.fromBigInteger(family, end)));
                room -= end.subtract(first).longValueExact() + 1;
                first = end.add(BigInteger.ONE);
                if (room == 0) {
                    chunks.add(current);
                    current = new ArrayList<>();
                    room = maxAddresses;
                }
            }
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }
}

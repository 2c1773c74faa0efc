package org.phonecontroller.daemon.discovery;

import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.Bucket;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.phonecontroller.daemon.events.Event;
import org.phonecontroller.daemon.events.EventKind;
import org.phonecontroller.daemon.events.Events;
import org.phonecontroller.daemon.failover.RangePlan;
import org.phonecontroller.daemon.inventory.PhoneInventory;
import org.phonecontroller.daemon.lifecycle.Activity;
import org.phonecontroller.daemon.lifecycle.RuntimePart;
import org.phonecontroller.daemon.time.TimeAdapters;
import org.phonecontroller.daemon.time.TimeSource;
import org.phonecontroller.protocols.PhoneIdentity;
import org.phonecontroller.protocols.PhoneProtocol;
import org.phonecontroller.protocols.PhoneProtocolException;
import org.phonecontroller.protocols.ServerAssignment;
import org.phonecontroller.ranges.IpRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the phones of a range: asks every configured address of the range — and no other — with the range's
 * protocols in the configured order, at most ratePerSecond addresses per second and maxInFlight at once, reads the
 * servers each phone found uses, and upserts the inventory. Phones missing from missedScansBeforeGone scans in a row
 * are marked GONE, never deleted.
 */
public final class DiscoveryService implements RuntimePart {

    private static final Logger log = LoggerFactory.getLogger(DiscoveryService.class);

    private final PhoneInventory inventory;
    private final ScanPolicy policy;
    private final TimeSource time;
    private final Events events;
    private final Activity scans = new Activity();

    public DiscoveryService(PhoneInventory inventory, ScanPolicy policy, TimeSource time, Events events) {
        this.inventory = inventory;
        this.policy = policy;
        this.time = time;
        this.events = events;
    }

    @Override
    public String name() {
        return "discovery";
    }

    /** Nothing to start: scans are started by the jobs. */
    @Override
    public void start() {
    }

    /** Asks running scans to end early (the daemon is stopping); a stopped scan marks nothing GONE. */
    public void stop() {
        scans.stop();
    }

    /** True once stopped: a scan that ended since then may have ended early. */
    public boolean stopping() {
        return scans.stopping();
    }

    /** Asks running scans to end early and waits for them; a scan asked for later does nothing. */
    @Override
    public boolean stop(Duration drain) {
        return scans.stopAndAwait(drain);
    }

    /** Scans the range once; blocks until every address was asked (or the service was stopped). */
    public ScanReport scan(RangePlan range, ScanProgress progress) throws InterruptedException {
        if (!scans.begin()) {
            Instant now = time.now();
            return new ScanReport(range.name(), now, now, 0, 0, 0, List.of());
        }
        try {
            return run(range, progress);
        } finally {
            scans.end();
        }
    }

    private ScanReport run(RangePlan range, ScanProgress progress) throws InterruptedException {
        Instant startedAt = time.now();
        long scanId = startedAt.toEpochMilli();
        long total = range.addresses().stream().mapToLong(IpRange::sizeAsLong).sum();
        progress.planned(total);
        events.emit(Event.ofRange(startedAt, EventKind.SCAN_STARTED, range.name(), total + " address(es), protocols "
                + range.protocols().stream().map(PhoneProtocol::name).toList()));
        Bucket rate = Bucket.builder()
                .addLimit(limit -> limit.capacity(Math.max(1, policy.ratePerSecond() / 10))
                        .refillGreedy(policy.ratePerSecond(), Duration.ofSeconds(1)))
                .withCustomTimePrecision(TimeAdapters.timeMeter(time))
                .build();
        BlockingStrategy waiting = TimeAdapters.blockingStrategy(time);
        Semaphore inFlight = new Semaphore(policy.maxInFlight());
        var swept = new AtomicLong();
        var found = new AtomicInteger();
        var refused = new AtomicInteger();
        try (ExecutorService store = Executors.newVirtualThreadPerTaskExecutor()) {
            for (IpRange block : range.addresses()) {
                for (InetAddress address : block) {
                    if (scans.stopping()) {
                        break;
                    }
                    rate.asBlocking().consume(1, waiting);
                    inFlight.acquire();
                    ask(range.protocols(), address, policy.retries())
                            .whenCompleteAsync((outcome, failure) -> {
                                try {
                                    record(range, address, scanId, outcome, failure, found, refused);
                                    swept.incrementAndGet();
                                    progress.addressDone(outcome instanceof Found);
                                } finally {
                                    inFlight.release();
                                }
                            }, store);
                }
            }
            inFlight.acquire(policy.maxInFlight()); // every answer is in
            inFlight.release(policy.maxInFlight());
        }
        List<String> gone = scans.stopping() ? List.of()
                : inventory.finishScan(range.name(), scanId, policy.missedScansBeforeGone());
        Instant finishedAt = time.now();
        for (String phone : gone) {
            events.emit(Event.ofPhone(finishedAt, EventKind.PHONE_GONE, range.name(), phone, "",
                    "missing from " + policy.missedScansBeforeGone() + " scans in a row (kept, marked GONE)"));
        }
        var report = new ScanReport(range.name(), startedAt, finishedAt, swept.get(), found.get(), refused.get(),
                gone);
        events.emit(Event.ofRange(finishedAt, EventKind.SCAN_COMPLETED, range.name(), report.swept()
                + " address(es) asked, " + report.found() + " phone(s) found, " + report.refused()
                + " refused, " + gone.size() + " gone"));
        return report;
    }

    /** What asking one address gave. */
    private sealed interface Outcome {
    }

    private record Found(PhoneIdentity phone, Optional<ServerAssignment> servers) implements Outcome {
    }

    private record Silent() implements Outcome {
    }

    private record Refused(String why) implements Outcome {
    }

    /** Asks one address; when nothing answered at all it is asked again, up to {@code retriesLeft} times. */
    private CompletableFuture<Outcome> ask(List<PhoneProtocol> protocols, InetAddress address, int retriesLeft) {
        return tryFrom(protocols, address, 0, null).thenCompose(outcome -> outcome instanceof Silent && retriesLeft > 0
                ? ask(protocols, address, retriesLeft - 1) : CompletableFuture.completedFuture(outcome));
    }

    /** Tries the protocols from {@code index} on, in order, until one identifies a phone. */
    private CompletableFuture<Outcome> tryFrom(List<PhoneProtocol> protocols, InetAddress address, int index,
                                               Refused refusedSoFar) {
        if (index == protocols.size()) {
            return CompletableFuture.completedFuture(refusedSoFar != null ? refusedSoFar : new Silent());
        }
        PhoneProtocol protocol = protocols.get(index);
        return guarded(protocol.identify(address))
                .handle((identity, failure) -> {
                    if (failure != null) {
                        Refused refused = answeredButRefused(failure)
                                ? new Refused(protocol.name() + ": " + reason(failure)) : refusedSoFar;
                        return tryFrom(protocols, address, index + 1, refused);
                    }
                    return identity.isPresent() ? readServers(protocol, identity.get())
                            : tryFrom(protocols, address, index + 1, refusedSoFar);
                })
                .thenCompose(next -> next);
    }

    /** Something answered and said no (credentials, an error status); silence and closed ports are not that. */
    private static boolean answeredButRefused(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof PhoneProtocolException p && switch (p.reason()) {
            case TIMEOUT, UNREACHABLE, REFUSED -> false;
            default -> true;
        };
    }

    private CompletableFuture<Outcome> readServers(PhoneProtocol protocol, PhoneIdentity phone) {
        return guarded(protocol.readAssignment(phone))
                .handle((servers, failure) -> new Found(phone, Optional.ofNullable(failure == null ? servers : null)));
    }

    private <T> CompletableFuture<T> guarded(CompletableFuture<T> call) {
        return call.orTimeout(policy.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private static String reason(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof PhoneProtocolException p ? p.reason() + " " + p.getMessage() : cause.toString();
    }

    private void record(RangePlan range, InetAddress address, long scanId, Outcome outcome, Throwable failure,
                        AtomicInteger found, AtomicInteger refused) {
        if (failure != null) {
            log.warn("Scan of {} in range {} failed: {}", address.getHostAddress(), range.name(), failure.toString());
            return;
        }
        switch (outcome) {
            case Found f -> {
                Instant now = time.now();
                boolean known = inventory.find(address).isPresent();
                inventory.upsertDiscovered(range.name(), f.phone(), f.servers(), scanId, now);
                found.incrementAndGet();
                if (!known) {
                    events.emit(Event.ofPhone(now, EventKind.PHONE_DISCOVERED, range.name(),
                            address.getHostAddress(), "", f.phone().vendor() + " " + f.phone().model() + " via "
                                    + f.phone().protocol() + ", servers "
                                    + f.servers().map(Object::toString).orElse("unknown")));
                }
            }
            case Refused r -> {
                refused.incrementAndGet();
                log.warn("Address {} of range {} answered but refused every protocol: {}",
                        address.getHostAddress(), range.name(), r.why());
            }
            case Silent s -> {
            }
        }
    }
}

package org.phonecontroller.daemon.discovery;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.phonecontroller.daemon.events.Event;
import org.phonecontroller.daemon.events.EventKind;
import org.phonecontroller.daemon.events.Events;
import org.phonecontroller.daemon.failover.RangePlan;
import org.phonecontroller.daemon.inventory.Phone;
import org.phonecontroller.daemon.inventory.PhoneInventory;
import org.phonecontroller.daemon.inventory.Presence;
import org.phonecontroller.daemon.lifecycle.Activity;
import org.phonecontroller.daemon.lifecycle.RuntimePart;
import org.phonecontroller.daemon.time.TimeAdapters;
import org.phonecontroller.daemon.time.TimeSource;
import org.phonecontroller.protocols.PhoneIdentity;
import org.phonecontroller.protocols.PhoneProtocol;
import org.phonecontroller.protocols.ServerAssignment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the phones of a range through the {@link DiscoveryPipeline}: the sweep asks every configured address of
 * the range — and no other — then the addresses that answered are identified with the range's protocols in the
 * configured order and their servers read; the inventory is upserted. Phones missing from
 * {@code missedScansBeforeGone} scans in a row are marked GONE, never deleted. Two scans of one range never run
 * at once ({@link RangeScanLocks}).
 */
public final class DiscoveryService implements RuntimePart {

    private static final Logger log = LoggerFactory.getLogger(DiscoveryService.class);

    private final PhoneInventory inventory;
    private final ScanPolicy policy;
    private final TimeSource time;
    private final Events events;
    private final DiscoveryPipeline pipeline;
    private final RangeScanLocks locks;
    private final AtomicLong lastScanId = new AtomicLong();
    private final Activity scans = new Activity();

    public DiscoveryService(PhoneInventory inventory, ScanPolicy policy, TimeSource time, Events events) {
        this(inventory, policy, time, events, new DiscoveryPipeline(policy.sweep()), new RangeScanLocks());
    }

    public DiscoveryService(PhoneInventory inventory, ScanPolicy policy, TimeSource time, Events events,
                            DiscoveryPipeline pipeline, RangeScanLocks locks) {
        this.inventory = inventory;
        this.policy = policy;
        this.time = time;
        this.events = events;
        this.pipeline = pipeline;
        this.locks = locks;
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

    /**
     * Scans the range once, after any other scan of it has ended; blocks until every address was asked (or the
     * service was stopped).
     */
    public ScanReport scan(RangePlan range, ScanProgress progress) throws InterruptedException {
        return locked(range, () -> run(range, progress, false, address -> { }));
    }

    /**
     * Failback's rescan: the phones the inventory holds as PRESENT are identified again at once, at their addresses
     * (no sweep in front of them), and each one confirmed — the same phone, or the phone that replaced it — is
     * handed to {@code confirmed} as soon as it is stored; the sweep for newcomers (and phones that moved) runs
     * beside it. Otherwise a scan like {@link #scan}: misses counted, GONE marked, one scan of the range at a time.
     */
    public ScanReport rescanKnownFirst(RangePlan range, ScanProgress progress, Consumer<String> confirmed)
            throws InterruptedException {
        return locked(range, () -> run(range, progress, true, confirmed));
    }

    private interface Scan {
        ScanReport run() throws InterruptedException;
    }

    private ScanReport locked(RangePlan range, Scan scan) throws InterruptedException {
        if (!scans.begin()) {
            Instant now = time.now();
            return new ScanReport(range.name(), now, now, 0, 0, 0, List.of());
        }
        try {
            return lockedRun(range, scan);
        } finally {
            scans.end();
        }
    }

    private ScanReport lockedRun(RangePlan range, Scan scan) throws InterruptedException {
        ReentrantLock lock = locks.of(range.name());
        if (lock.isLocked()) {
            log.info("A scan of range {} is running; this one waits for it to end", range.name());
        }
        lock.lockInterruptibly();
        try {
            return scan.run();
        } finally {
            lock.unlock();
        }
    }

    private ScanReport run(RangePlan range, ScanProgress progress, boolean knownFirst, Consumer<String> confirmed)
            throws InterruptedException {
        Instant startedAt = time.now();
        long scanId = lastScanId.updateAndGet(last -> Math.max(last + 1, startedAt.toEpochMilli()));
        long total = range.addresses().stream().mapToLong(org.phonecontroller.ranges.IpRange::sizeAsLong).sum();
        progress.planned(total);
        events.emit(Event.ofRange(startedAt, EventKind.SCAN_STARTED, range.name(), total + " address(es), sweep "
                + range.sweep().kinds() + ", protocols " + range.protocols().stream().map(PhoneProtocol::name)
                .toList()));
        var tally = new Tally();
        Set<InetAddress> claimed = ConcurrentHashMap.newKeySet();
        Consumer<Identified> record = identified -> {
            record(range, scanId, identified, tally);
            progress.addressDone(identified.kind() == AnswerKind.PHONE);
            if (identified.kind() == AnswerKind.PHONE) {
                confirmed.accept(identified.address().getHostAddress());
            }
        };
        // the known phones on a thread of their own: a known phone that went silent must not hold up the sweep
        CompletableFuture<Void> known = new CompletableFuture<>();
        if (knownFirst) {
            Thread.ofVirtual().name("rescan-known-" + range.name()).start(() -> {
                try {
                    identifyKnown(range, claimed, record).whenComplete((ok, failure) -> known.complete(null));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    known.complete(null);
                } catch (RuntimeException e) {
                    log.error("Re-identifying the known phones of range {} failed", range.name(), e);
                    known.complete(null);
                }
            });
        } else {
            known.complete(null);
        }
        DiscoveryPipeline.Result result = pipeline.run(range.addresses(), range.sweep(),
                address -> claimed.add(address) ? identify(range.protocols(), address) : null,
                (address, identified) -> record.accept(identified), scans::stopping);
        known.join();
        progress.swept(total - result.identified());
        log.info("Scan of range {}: {} address(es), sweep {} ms ({} requests, {} answered, {} connects reset), "
                        + "whole scan {} ms", range.name(), result.addresses(),
                result.sweeps().stream().mapToLong(st -> st.duration().toMillis()).sum(),
                result.sweeps().stream().mapToLong(st -> st.sent()).sum(), result.answered(),
                result.refusedConnects(), java.time.Duration.between(startedAt, time.now()).toMillis());
        if (tally.notAPhone.get() > 0) {
            log.info("Scan of range {}: {} address(es) answered but are not a phone of its protocols, e.g. {}",
                    range.name(), tally.notAPhone.get(), String.join("; ", tally.notAPhoneSamples));
        }
        List<String> gone = scans.stopping() ? List.of()
                : inventory.finishScan(range.name(), scanId, policy.missedScansBeforeGone());
        Instant finishedAt = time.now();
        for (String phone : gone) {
            events.emit(Event.ofPhone(finishedAt, EventKind.PHONE_GONE, range.name(), phone, "",
                    "missing from " + policy.missedScansBeforeGone() + " scans in a row (kept, marked GONE)"));
        }
        var report = new ScanReport(range.name(), startedAt, finishedAt, result.addresses(), tally.found.get(),
                tally.refused.get(), gone);
        events.emit(Event.ofRange(finishedAt, EventKind.SCAN_COMPLETED, range.name(), report.swept()
                + " address(es) swept, " + result.answered() + " answered, " + report.found() + " phone(s) found, "
                + report.refused() + " refused, " + tally.notAPhone.get() + " not a phone, " + gone.size()
                + " gone"));
        return report;
    }

    /** Identifies every PRESENT phone of the range at its address, at most maxInFlight at once. */
    private CompletableFuture<Void> identifyKnown(RangePlan range, Set<InetAddress> claimed,
                                                  Consumer<Identified> record) throws InterruptedException {
        Semaphore inFlight = new Semaphore(policy.maxInFlight());
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (Phone phone : inventory.ofRange(range.name())) {
            InetAddress address = phone.identity().address();
            if (phone.presence() != Presence.PRESENT || !claimed.add(address) || scans.stopping()) {
                continue;
            }
            inFlight.acquire();
            all.add(identify(range.protocols(), address).thenAccept(record)
                    .whenComplete((ignored, failure) -> {
                        inFlight.release();
                        if (failure != null) {
                            log.error("Re-identifying phone {} of range {} failed", address.getHostAddress(),
                                    range.name(), failure);
                        }
                    }));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(failure -> null);
    }

    /** What asking one address gave: the classification and, for a phone, what it is and which servers it uses. */
    private record Identified(InetAddress address, AnswerKind kind, Optional<PhoneIdentity> phone,
                              Optional<ServerAssignment> servers, String why) {
    }

    /**
     * Tries the protocols in order until one identifies a phone; never fails. An address that answered the sweep (or
     * a known phone) but was not identified is asked once more a moment later: the adapters report a phone too busy
     * to answer in time as "not this API", and a phone missed this way would count as missing from the scan.
     * Addresses that refused (credentials) are not asked again.
     */
    private CompletableFuture<Identified> identify(List<PhoneProtocol> protocols, InetAddress address) {
        return identifyOnce(protocols, address).thenCompose(first -> first.kind() == AnswerKind.PHONE
                || first.kind() == AnswerKind.REFUSED || scans.stopping()
                ? CompletableFuture.completedFuture(first)
                : CompletableFuture.supplyAsync(() -> null, SECOND_CHANCE)
                        .thenCompose(ignored -> identifyOnce(protocols, address)));
    }

    /** How long after a failed identification the address is asked once more. */
    private static final java.util.concurrent.Executor SECOND_CHANCE =
            CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS);

    private CompletableFuture<Identified> identifyOnce(List<PhoneProtocol> protocols, InetAddress address) {
        return tryFrom(protocols, address, 0, AnswerKind.SILENT, "")
                .exceptionally(failure -> new Identified(address, AnswerKind.NOT_A_PHONE, Optional.empty(),
                        Optional.empty(), failure.toString()));
    }

    private CompletableFuture<Identified> tryFrom(List<PhoneProtocol> protocols, InetAddress address, int index,
                                                  AnswerKind soFar, String why) {
        if (index == protocols.size()) {
            return CompletableFuture.completedFuture(new Identified(address, soFar, Optional.empty(),
                    Optional.empty(), why));
        }
        PhoneProtocol protocol = protocols.get(index);
        return guarded(protocol.identify(address))
                .handle((identity, failure) -> {
                    if (failure == null && identity.isPresent()) {
                        return readServers(protocol, identity.get());
                    }
                    AnswerKind kind = failure == null ? AnswerKind.NOT_A_PHONE : AnswerKind.ofFailure(failure);
                    // REFUSED outranks NOT_A_PHONE outranks SILENT: the strongest answer any protocol got
                    boolean stronger = kind.ordinal() > soFar.ordinal();
                    return tryFrom(protocols, address, index + 1, stronger ? kind : soFar,
                            !stronger ? why : failure != null ? protocol.name() + ": " + reason(failure)
                                    : protocol.name() + ": answered, but not as its phones do");
                })
                .thenCompose(next -> next);
    }

    private CompletableFuture<Identified> readServers(PhoneProtocol protocol, PhoneIdentity phone) {
        return guarded(protocol.readAssignment(phone))
                .handle((servers, failure) -> new Identified(phone.address(), AnswerKind.PHONE, Optional.of(phone),
                        Optional.ofNullable(failure == null ? servers : null), ""));
    }

    private <T> CompletableFuture<T> guarded(CompletableFuture<T> call) {
        return call.orTimeout(policy.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private static String reason(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof org.phonecontroller.protocols.PhoneProtocolException p
                ? p.reason() + " " + p.getMessage() : cause.toString();
    }

    private static final class Tally {
        final AtomicInteger found = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicInteger notAPhone = new AtomicInteger();
        /** The first few answers that were not a phone, with why: for the scan's log line. */
        final java.util.Queue<String> notAPhoneSamples = new java.util.concurrent.ConcurrentLinkedQueue<>();

        void notAPhone(String address, String why) {
            if (notAPhone.incrementAndGet() <= 3) {
                notAPhoneSamples.add(address + " (" + why + ")");
            }
        }
    }

    private void record(RangePlan range, long scanId, Identified identified, Tally tally) {
        String address = identified.address().getHostAddress();
        switch (identified.kind()) {
            case PHONE -> {
                PhoneIdentity phone = identified.phone().orElseThrow();
                Instant now = time.now();
                Optional<Phone> before = inventory.find(identified.address());
                inventory.upsertDiscovered(range.name(), phone, identified.servers(), scanId, now);
                tally.found.incrementAndGet();
                if (before.isEmpty() || !java.util.Objects.equals(before.get().identity().mac(), phone.mac())) {
                    events.emit(Event.ofPhone(now, EventKind.PHONE_DISCOVERED, range.name(), address, "",
                            phone.vendor() + " " + phone.model() + " via " + phone.protocol() + ", servers "
                                    + identified.servers().map(Object::toString).orElse("unknown")
                                    + before.map(b -> " (replaces " + b.identity().vendor() + " "
                                    + b.identity().mac() + ")").orElse("")));
                }
            }
            case REFUSED -> {
                tally.refused.incrementAndGet();
                log.warn("Address {} of range {} answered but refused every protocol: {}", address, range.name(),
                        identified.why());
            }
            case NOT_A_PHONE -> {
                tally.notAPhone(address, identified.why());
                log.debug("Address {} of range {} answered the sweep but is not a phone of its protocols {}",
                        address, range.name(), identified.why());
            }
            case SILENT -> log.debug("Address {} of range {} answered the sweep, then nothing else", address,
                    range.name());
        }
    }
}

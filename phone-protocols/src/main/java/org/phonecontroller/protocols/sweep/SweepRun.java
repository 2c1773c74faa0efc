package org.phonecontroller.protocols.sweep;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.github.bucket4j.Bucket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One sweep's state: the sender loop runs on the caller's thread, {@link #receive()} on its own. */
final class SweepRun implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SweepRun.class);
    private static final long SEND_TIME_UNIT_NANOS = 10_000; // send times are kept in 10 µs units

    private final SweepPlan plan;
    private final SweepClock clock;
    private final Consumer<SweepHit> onHit;
    private final TargetSpace space;
    private final IndexPermutation order;
    private final TargetStates states;
    private final int[] sendTimes;
    private final SendQueue queue = new SendQueue();
    private final long timeoutNanos;
    private final DatagramChannel channel;
    private final Selector readSelector;
    private final Selector writeSelector;
    private final SnmpSweepCodec snmp;
    private final SipSweepCodec sip;
    private final Bucket bucket;

    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong garbage = new AtomicLong();
    private final AtomicLong listenerFailures = new AtomicLong();
    private long sent;
    private long retries;
    private long sendErrors;
    private long start;
    private long lastSend;
    private volatile boolean stopping;

    SweepRun(SweepPlan plan, SweepClock clock, Consumer<SweepHit> onHit) throws IOException {
        this.plan = plan;
        this.clock = clock;
        this.onHit = onHit;
        this.space = new TargetSpace(plan.spans(), new ArrayList<>(new java.util.TreeSet<>(plan.kinds())));
        this.order = new IndexPermutation(space.targets(), plan.seed());
        this.states = new TargetStates(space.targets());
        this.sendTimes = new int[Math.toIntExact(space.targets())];
        this.timeoutNanos = plan.timeout().toNanos();
        this.channel = DatagramChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
            channel.bind(plan.bind());
            channel.configureBlocking(false);
            this.readSelector = Selector.open();
            this.writeSelector = Selector.open();
            channel.register(readSelector, SelectionKey.OP_READ);
            channel.register(writeSelector, SelectionKey.OP_WRITE);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        var local = (InetSocketAddress) channel.getLocalAddress();
        String viaHost = local.getAddress().isAnyLocalAddress() ? "0.0.0.0" : local.getAddress().getHostAddress();
        this.snmp = new SnmpSweepCodec(plan.snmpCommunity(), plan.seed());
        this.sip = new SipSweepCodec(plan.seed(), viaHost, local.getPort());
        this.bucket = plan.ratePerSecond() > 0 ? rateLimit(plan.ratePerSecond(), clock) : null;
    }

    private static Bucket rateLimit(double perSecond, SweepClock clock) {
        long burst = Math.max(1, (long) (perSecond / 100)); // at most 10 ms worth of requests at once
        long periodNanos = Math.max(1, (long) (burst * 1e9 / perSecond));
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(burst, Duration.ofNanos(periodNanos))
                        .initialTokens(burst))
                .withCustomTimePrecision(clock)
                .build();
    }

    SweepStats execute() throws IOException {
        start = clock.nanoTime();
        lastSend = start;
        Thread receiver = Thread.ofPlatform().daemon().name("sweep-receiver").start(this::receive);
        ByteBuffer out = ByteBuffer.allocateDirect(2048);
        try {
            for (int pass = 0; pass <= plan.retries(); pass++) {
                boolean retry = pass > 0;
                boolean any = false;
                for (long i = 0; i < order.size(); i++) {
                    long target = order.at(i);
                    if (states.get(target) == (retry ? TargetStates.EXPIRED : TargetStates.IDLE)) {
                        any |= send(target, retry, out);
                    }
                }
                if (!any && retry) {
                    break;
                }
                awaitAnswersOrExpiry();
            }
        } finally {
            stopping = true;
            readSelector.wakeup();
            try {
                receiver.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long end = clock.nanoTime();
        return new SweepStats(space.targets(), sent, answered.get(), retries, garbage.get(), sendErrors,
                Duration.ofNanos(end - start), Duration.ofNanos(lastSend - start));
    }

    private boolean send(long target, boolean retry, ByteBuffer out) throws IOException {
        InetAddress address = space.address(target);
        SweepKind kind = space.kind(target);
        int port = kind == SweepKind.SNMP ? plan.snmpPort() : plan.sipPort();
        space.guard(address);
        if (plan.maxInFlight() > 0) {
            awaitRoomInFlight();
        }
        if (bucket != null) {
            try {
                bucket.asBlocking().consume(1, clock);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("sweep interrupted");
            }
        }
        if (kind == SweepKind.SNMP) {
            snmp.request(target, out);
        } else {
            sip.request(target, address, port, out);
        }
        long now = clock.nanoTime();
        sendTimes[(int) target] = (int) ((now - start) / SEND_TIME_UNIT_NANOS);
        if (!states.compareAndSet(target, retry ? TargetStates.EXPIRED : TargetStates.IDLE,
                TargetStates.OUTSTANDING)) {
            return false; // a late answer arrived meanwhile
        }
        inFlight.incrementAndGet();
        queue.add(target, now);
        sent++;
        if (retry) {
            retries++;
        }
        lastSend = now;
        var destination = new InetSocketAddress(address, port);
        try {
            while (channel.send(out, destination) == 0) {
                writeSelector.select(10); // socket buffer full: wait until it drains
                writeSelector.selectedKeys().clear();
            }
        } catch (IOException e) {
            if (!channel.isOpen()) {
                throw e;
            }
            sendErrors++;
            if (states.compareAndSet(target, TargetStates.OUTSTANDING, TargetStates.EXPIRED)) {
                inFlight.decrementAndGet();
            }
            LOG.debug("sweep: cannot send to {}: {}", destination, e.toString());
        }
        return true;
    }

    private void awaitRoomInFlight() {
        while (inFlight.get() >= plan.maxInFlight()) {
            long now = clock.nanoTime();
            expireDue(now);
            if (inFlight.get() < plan.maxInFlight()) {
                return;
            }
            long wait = queue.isEmpty() ? 100_000 : queue.oldestTime() + timeoutNanos - now;
            clock.park(Math.max(10_000, Math.min(wait, 1_000_000)));
        }
    }

    /** Waits until every outstanding request is answered or its timeout passed. */
    private void awaitAnswersOrExpiry() {
        while (!queue.isEmpty()) {
            if (inFlight.get() == 0) {
                while (!queue.isEmpty()) {
                    queue.removeOldest();
                }
                return;
            }
            long now = clock.nanoTime();
            expireDue(now);
            if (!queue.isEmpty()) {
                clock.park(Math.max(10_000, Math.min(queue.oldestTime() + timeoutNanos - now, 5_000_000)));
            }
        }
    }

    private void expireDue(long now) {
        while (!queue.isEmpty() && queue.oldestTime() + timeoutNanos <= now) {
            long target = queue.removeOldest();
            if (states.compareAndSet(target, TargetStates.OUTSTANDING, TargetStates.EXPIRED)) {
                inFlight.decrementAndGet();
            }
        }
    }

    private void receive() {
        ByteBuffer in = ByteBuffer.allocate(65536);
        try {
            while (!stopping) {
                readSelector.select(20);
                readSelector.selectedKeys().clear();
                drain(in);
            }
            drain(in);
        } catch (IOException e) {
            if (channel.isOpen()) {
                LOG.warn("sweep: the receiver stopped early: {}", e.toString());
            }
        }
    }

    private void drain(ByteBuffer in) throws IOException {
        while (true) {
            in.clear();
            var from = (InetSocketAddress) channel.receive(in);
            if (from == null) {
                return;
            }
            in.flip();
            try {
                handle(in, from);
            } catch (RuntimeException e) {
                garbage.incrementAndGet();
                LOG.debug("sweep: ignoring a reply from {}: {}", from, e.toString());
            }
        }
    }

    private void handle(ByteBuffer in, InetSocketAddress from) {
        long now = clock.nanoTime();
        Optional<Match> match = Optional.empty();
        if (plan.kinds().contains(SweepKind.SNMP) && from.getPort() == plan.snmpPort()) {
            match = snmp.decode(in.duplicate()).map(r -> new Match(r.target(), SweepKind.SNMP, r.sysDescr(),
                    r.sysObjectId(), ""));
        }
        if (match.isEmpty() && plan.kinds().contains(SweepKind.SIP) && from.getPort() == plan.sipPort()) {
            match = sip.decode(in.duplicate()).map(r -> new Match(r.target(), SweepKind.SIP, "", "", r.userAgent()));
        }
        if (match.isEmpty() || !isFromItsTarget(match.get(), from)) {
            garbage.incrementAndGet();
            return;
        }
        Match m = match.get();
        boolean first = states.compareAndSet(m.target, TargetStates.OUTSTANDING, TargetStates.ANSWERED);
        if (first) {
            inFlight.decrementAndGet();
        } else if (!states.compareAndSet(m.target, TargetStates.EXPIRED, TargetStates.ANSWERED)) {
            if (states.get(m.target) == TargetStates.IDLE) {
                garbage.incrementAndGet(); // an answer to something never asked
            }
            return; // a duplicate answer
        }
        answered.incrementAndGet();
        long sentAt = start + sendTimes[(int) m.target] * SEND_TIME_UNIT_NANOS;
        var hit = new SweepHit(from.getAddress(), from.getPort(), m.kind, m.sysDescr, m.sysObjectId, m.userAgent,
                Duration.ofNanos(Math.max(0, now - sentAt)));
        try {
            onHit.accept(hit);
        } catch (RuntimeException e) {
            if (listenerFailures.getAndIncrement() == 0) {
                LOG.warn("sweep: the hit listener failed for {} (later failures of this sweep are logged at debug)",
                        hit.address().getHostAddress(), e);
            } else {
                LOG.debug("sweep: the hit listener failed for {}: {}", hit.address().getHostAddress(), e.toString());
            }
        }
    }

    private boolean isFromItsTarget(Match m, InetSocketAddress from) {
        return m.target >= 0 && m.target < space.targets() && space.kind(m.target) == m.kind
                && space.address(m.target).equals(from.getAddress());
    }

    @Override
    public void close() throws IOException {
        try {
            readSelector.close();
            writeSelector.close();
        } finally {
            channel.close();
        }
    }

    private record Match(long target, SweepKind kind, String sysDescr, String sysObjectId, String userAgent) {
    }
}

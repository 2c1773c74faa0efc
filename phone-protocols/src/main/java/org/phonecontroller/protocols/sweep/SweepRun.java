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
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import io.github.bucket4j.Bucket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sweep's state: the sender loop runs on the caller's thread, {@link #receive()} (UDP answers) and
 * {@link #connect()} (TCP handshakes) on their own. UDP and TCP targets share one order, one rate and one
 * timeout; TCP connects in flight are also capped by {@link #TCP_IN_FLIGHT} (each holds a file descriptor).
 */
final class SweepRun implements AutoCloseable {

    /**
     * The most TCP connects in flight at once: each holds a file descriptor until it completes or times out, so at
     * a rate R and a timeout T a sweep wants R×T of them (16,384: 32,768/s with a 500 ms timeout).
     */
    static final int TCP_IN_FLIGHT = 16_384;

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
    private final Selector connectSelector;
    private final ConcurrentHashMap<Long, SocketChannel> connecting = new ConcurrentHashMap<>();
    private final LongConsumer sendObserver;

    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong tcpInFlight = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
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
        this(plan, clock, onHit, sentAt -> { });
    }

    /** {@code sendObserver} hears the clock's time of every request sent (tests count them per window). */
    SweepRun(SweepPlan plan, SweepClock clock, Consumer<SweepHit> onHit, LongConsumer sendObserver)
            throws IOException {
        this.plan = plan;
        this.sendObserver = sendObserver;
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
            this.connectSelector = Selector.open();
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

    /**
     * The most requests sent at once: 100 ms worth. So a sender that the scheduler wakes late (a busy machine) keeps
     * the configured average, and no window of one second ever holds more than the rate plus this burst.
     */
    static long burst(double perSecond) {
        return Math.max(1, (long) (perSecond / 10));
    }

    private static Bucket rateLimit(double perSecond, SweepClock clock) {
        long burst = burst(perSecond);
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
        Thread connector = plan.kinds().contains(SweepKind.TCP)
                ? Thread.ofPlatform().daemon().name("sweep-connector").start(this::connect) : null;
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
            connectSelector.wakeup();
            try {
                receiver.join();
                if (connector != null) {
                    connector.join();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            connecting.values().forEach(SweepRun::closeQuietly);
        }
        long end = clock.nanoTime();
        return new SweepStats(space.targets(), sent, answered.get(), refused.get(), retries, garbage.get(),
                sendErrors, Duration.ofNanos(end - start), Duration.ofNanos(lastSend - start));
    }

    private boolean send(long target, boolean retry, ByteBuffer out) throws IOException {
        InetAddress address = space.address(target);
        SweepKind kind = space.kind(target);
        int port = switch (kind) {
            case SNMP -> plan.snmpPort();
            case SIP -> plan.sipPort();
            case TCP -> plan.tcpPort();
        };
        space.guard(address);
        if (plan.maxInFlight() > 0) {
            awaitRoomInFlight();
        }
        if (kind == SweepKind.TCP) {
            awaitRoomForConnects();
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
        } else if (kind == SweepKind.SIP) {
            sip.request(target, address, port, out);
        }
        long now = clock.nanoTime();
        sendObserver.accept(now);
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
        if (kind == SweepKind.TCP) {
            startConnect(target, destination);
            return true;
        }
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

    /** Opens a non-blocking connect; its outcome arrives on the connector thread (or its timeout on this one). */
    private void startConnect(long target, InetSocketAddress destination) throws IOException {
        SocketChannel socket = null;
        try {
            socket = SocketChannel.open();
            tcpInFlight.incrementAndGet();
            connecting.put(target, socket);
            socket.configureBlocking(false);
            socket.setOption(StandardSocketOptions.SO_LINGER, 0); // close with a reset: no TIME_WAIT per phone
            InetAddress local = plan.bind().getAddress();
            if (!local.isAnyLocalAddress()) {
                socket.bind(new InetSocketAddress(local, 0));
            }
            if (socket.connect(destination)) {
                connected(target, destination);
            } else {
                // no wakeup: the connector's select(20) takes the new key within 20 ms, and a handshake that
                // completed meanwhile is reported then (a syscall per connect saved)
                socket.register(connectSelector, SelectionKey.OP_CONNECT, target);
            }
        } catch (IOException e) {
            if (socket == null) {
                connecting.remove(target); // no descriptor (EMFILE): the target is asked again in the next round
                states.compareAndSet(target, TargetStates.OUTSTANDING, TargetStates.EXPIRED);
                inFlight.decrementAndGet();
                sendErrors++;
                LOG.debug("sweep: cannot open a socket for {}: {}", destination, e.toString());
                return;
            }
            sendErrors++;
            finishConnect(target, TargetStates.EXPIRED);
            LOG.debug("sweep: cannot connect to {}: {}", destination, e.toString());
        }
    }

    private void awaitRoomForConnects() {
        while (tcpInFlight.get() >= TCP_IN_FLIGHT) {
            long now = clock.nanoTime();
            expireDue(now);
            if (tcpInFlight.get() < TCP_IN_FLIGHT) {
                return;
            }
            long wait = queue.isEmpty() ? 100_000 : queue.oldestTime() + timeoutNanos - now;
            clock.park(Math.max(10_000, Math.min(wait, 1_000_000)));
        }
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
            if (space.kind(target) == SweepKind.TCP) {
                finishConnect(target, TargetStates.EXPIRED);
            } else if (states.compareAndSet(target, TargetStates.OUTSTANDING, TargetStates.EXPIRED)) {
                inFlight.decrementAndGet();
            }
        }
    }

    /**
     * Ends a TCP target once, from whichever thread sees its outcome first: the handshake completed (ANSWERED, a
     * hit), was reset (ANSWERED, counted as refused, no hit), or timed out (EXPIRED, retried in the next pass).
     *
     * @return whether this call ended it
     */
    private boolean finishConnect(long target, int state) {
        if (!states.compareAndSet(target, TargetStates.OUTSTANDING, state)) {
            return false;
        }
        inFlight.decrementAndGet();
        tcpInFlight.decrementAndGet();
        SocketChannel socket = connecting.remove(target);
        if (socket != null) {
            closeQuietly(socket);
        }
        return true;
    }

    private void connected(long target, InetSocketAddress from) {
        if (finishConnect(target, TargetStates.ANSWERED)) {
            answered.incrementAndGet();
            long sentAt = start + sendTimes[(int) target] * SEND_TIME_UNIT_NANOS;
            report(new SweepHit(from.getAddress(), from.getPort(), SweepKind.TCP, "", "", "",
                    Duration.ofNanos(Math.max(0, clock.nanoTime() - sentAt))));
        }
    }

    /** The connector thread: completes handshakes as the kernel reports them. */
    private void connect() {
        try {
            while (!stopping) {
                connectSelector.select(20);
                for (SelectionKey key : connectSelector.selectedKeys()) {
                    long target = (Long) key.attachment();
                    var socket = (SocketChannel) key.channel();
                    key.cancel();
                    if (connecting.get(target) != socket) {
                        continue; // timed out meanwhile (and perhaps asked again with a new socket)
                    }
                    try {
                        if (socket.finishConnect()) {
                            connected(target, (InetSocketAddress) socket.getRemoteAddress());
                        }
                    } catch (IOException e) {
                        // a reset (nothing listens) or an ICMP unreachable: an answer, but no service there
                        if (finishConnect(target, TargetStates.ANSWERED)) {
                            refused.incrementAndGet();
                        }
                    }
                }
                connectSelector.selectedKeys().clear();
            }
        } catch (IOException | java.nio.channels.ClosedSelectorException e) {
            if (!stopping) {
                LOG.warn("sweep: the TCP connector stopped early: {}", e.toString());
            }
        }
    }

    private static void closeQuietly(SocketChannel socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("sweep: closing a connect socket failed: {}", e.toString());
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
        report(new SweepHit(from.getAddress(), from.getPort(), m.kind, m.sysDescr, m.sysObjectId, m.userAgent,
                Duration.ofNanos(Math.max(0, now - sentAt))));
    }

    private void report(SweepHit hit) {
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
            connectSelector.close();
        } finally {
            channel.close();
        }
    }

    private record Match(long target, SweepKind kind, String sysDescr, String sysObjectId, String userAgent) {
    }
}

package org.phonecontroller.protocols.sip;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.phonecontroller.protocols.FailureReason;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends SIP requests over one unconnected UDP socket and matches final responses by Via branch, Call-ID and source
 * address; provisional responses, strays and garbage are ignored. Many requests may be outstanding at once; each
 * ends with a {@link SipExchange} within its timeout. No retransmission.
 */
public final class SipUdpClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SipUdpClient.class);

    private final DatagramChannel channel;
    private final SipParser parser = new SipParser();
    private final SipRequests requests;
    private final ScheduledExecutorService timer;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Thread receiver;

    private SipUdpClient(DatagramChannel channel, String userAgent, SipIds ids) throws IOException {
        this.channel = channel;
        var local = (InetSocketAddress) channel.getLocalAddress();
        this.requests = new SipRequests(new ServerAddress(local.getAddress().getHostAddress(), local.getPort()),
                Transport.UDP, userAgent, ids);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sip-udp-client-timer");
            t.setDaemon(true);
            return t;
        });
        this.receiver = Thread.ofPlatform().daemon().name("sip-udp-client-" + local).start(this::receive);
    }

    /** Binds an ephemeral port on {@code bindAddress} (the address peers will answer to). */
    public static SipUdpClient open(InetAddress bindAddress, String userAgent, SipIds ids) {
        Objects.requireNonNull(bindAddress, "bindAddress");
        try {
            DatagramChannel ch = DatagramChannel.open();
            ch.bind(new InetSocketAddress(bindAddress, 0));
            return new SipUdpClient(ch, userAgent, ids);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a SIP UDP socket on " + bindAddress.getHostAddress(), e);
        }
    }

    /** Builders whose Via and Contact name this client's socket. */
    public SipRequests requests() {
        return requests;
    }

    /** Sends {@code request} to {@code target}; the request's top Via branch must be unique among pending ones. */
    public CompletableFuture<SipExchange> send(SipRequest request, InetSocketAddress target, Duration timeout) {
        var result = new CompletableFuture<SipExchange>();
        String branch = request.viaBranch().orElseThrow(() -> new IllegalArgumentException("request has no branch"));
        var p = new Pending(branch, request.callId().orElse(""), target, System.nanoTime(), result);
        if (pending.putIfAbsent(branch, p) != null) {
            throw new IllegalArgumentException("branch " + branch + " is already pending");
        }
        result.whenComplete((r, e) -> pending.remove(branch, p));
        var task = timer.schedule(() -> result.complete(new SipExchange.NoAnswer(FailureReason.TIMEOUT,
                "no final answer to " + request.startLine() + " from " + target + " within " + timeout.toMillis()
                        + " ms")), timeout.toNanos(), TimeUnit.NANOSECONDS);
        result.whenComplete((r, e) -> task.cancel(false));
        try {
            channel.send(ByteBuffer.wrap(SipEncoder.encode(request)), target);
        } catch (IOException | RuntimeException e) {
            result.complete(new SipExchange.NoAnswer(FailureReason.UNREACHABLE, "cannot send to " + target + ": "
                    + e));
        }
        return result;
    }

    private void receive() {
        ByteBuffer buf = ByteBuffer.allocate(65535);
        while (channel.isOpen()) {
            try {
                buf.clear();
                SocketAddress from = channel.receive(buf);
                buf.flip();
                dispatch(buf, from);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.debug("receive on {} failed: {}", requests.local(), e.toString());
            }
        }
    }

    private void dispatch(ByteBuffer buf, SocketAddress from) {
        SipMessage message;
        try {
            message = parser.parseDatagram(buf.array(), 0, buf.limit());
        } catch (SipParseException e) {
            LOG.debug("ignoring an unparsable datagram from {}: {}", from, e.getMessage());
            return;
        }
        if (!(message instanceof SipResponse response) || response.isProvisional()) {
            return;
        }
        Pending p = response.viaBranch().map(pending::get).orElse(null);
        if (p == null || !p.target.equals(from) || !p.callId.equals(response.callId().orElse(""))) {
            LOG.debug("ignoring a stray response from {}: {}", from, response.startLine());
            return;
        }
        p.result.complete(new SipExchange.Answered(response, Duration.ofNanos(System.nanoTime() - p.started)));
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing {}: {}", requests.local(), e.toString());
        }
        for (Pending p : pending.values()) {
            p.result.complete(new SipExchange.NoAnswer(FailureReason.UNREACHABLE, "client closed"));
        }
        timer.shutdownNow();
        try {
            receiver.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Pending(String branch, String callId, InetSocketAddress target, long started,
                           CompletableFuture<SipExchange> result) {
    }
}

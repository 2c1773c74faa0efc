package org.phonecontroller.lab.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many UDP sockets (one per simulated address), ONE selector thread. Each datagram is handed to the receiver with
 * the local address it arrived at; replies are sent from a chosen local address.
 *
 * <p>Why not MINA's {@code NioDatagramAcceptor}: its session recycler keys sessions by remote address and local
 * <em>port</em> only, so with thousands of phones on the same port but different IPs, replies and REGISTERs left
 * from the wrong phone's address (observed in the lab). Plain NIO keeps the source address exact.
 */
public final class UdpMultiplexer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UdpMultiplexer.class);
    private static final int MAX_DATAGRAM = 65_535;

    /** Receives one datagram that arrived at {@code local} from {@code remote}. */
    public interface Receiver {
        void receive(InetSocketAddress local, InetSocketAddress remote, byte[] data);
    }

    private final Selector selector;
    private final Receiver receiver;
    private final Map<InetSocketAddress, DatagramChannel> channels = new ConcurrentHashMap<>();
    private final Queue<DatagramChannel> toRegister = new ConcurrentLinkedQueue<>();
    private final Queue<Runnable> toClose = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    public UdpMultiplexer(String name, Receiver receiver) throws IOException {
        this.selector = Selector.open();
        this.receiver = receiver;
        this.thread = Thread.ofPlatform().name(name).daemon().start(this::loop);
    }

    /** Opens and binds a socket per address; throws (with the address) on the first that cannot be bound. */
    public void bind(Collection<InetSocketAddress> addresses) throws IOException {
        List<DatagramChannel> opened = new ArrayList<>(addresses.size());
        for (InetSocketAddress a : addresses) {
            DatagramChannel ch = DatagramChannel.open();
            try {
                ch.bind(a);
                ch.configureBlocking(false);
            } catch (IOException e) {
                ch.close();
                opened.forEach(UdpMultiplexer::closeQuietly);
                opened.forEach(c -> channels.values().remove(c));
                throw new IOException("cannot bind UDP " + a.getAddress().getHostAddress() + ":" + a.getPort()
                        + ": " + e.getMessage(), e);
            }
            opened.add(ch);
            channels.put(a, ch);
        }
        toRegister.addAll(opened);
        selector.wakeup();
    }

    /**
     * Closes the socket of one address and returns once the kernel has released it, so that the very next
     * datagram to it is answered with ICMP port unreachable. (A channel registered with a selector is only
     * really closed when the selector deregisters its key, so the selector thread does the closing.)
     */
    public void unbind(InetSocketAddress address) {
        DatagramChannel ch = channels.remove(address);
        if (ch == null) {
            return;
        }
        CompletableFuture<Void> closed = new CompletableFuture<>();
        toClose.add(() -> {
            closeQuietly(ch);
            try {
                selector.selectNow(); // flushes the cancelled key: the socket is released here
            } catch (IOException e) {
                LOG.debug("selectNow after closing {} failed: {}", address, e.toString());
            }
            closed.complete(null);
        });
        selector.wakeup();
        try {
            closed.get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("UDP socket {} was not released within 2 s", address);
        }
    }

    public boolean isBound(InetSocketAddress address) {
        return channels.containsKey(address);
    }

    /** Sends from {@code local}; returns false when that address is not bound or the send failed. */
    public boolean send(InetSocketAddress local, InetSocketAddress remote, byte[] data) {
        DatagramChannel ch = channels.get(local);
        if (ch == null) {
            return false;
        }
        try {
            return ch.send(ByteBuffer.wrap(data), remote) > 0;
        } catch (IOException e) {
            LOG.debug("UDP send {} -> {} failed: {}", local, remote, e.toString());
            return false;
        }
    }

    private void loop() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
        while (running) {
            try {
                selector.select();
                Runnable close;
                while ((close = toClose.poll()) != null) {
                    close.run();
                }
                DatagramChannel ch;
                while ((ch = toRegister.poll()) != null) {
                    if (ch.isOpen()) {
                        ch.register(selector, SelectionKey.OP_READ, ch.getLocalAddress());
                    }
                }
                var keys = selector.selectedKeys();
                for (SelectionKey key : keys) {
                    if (key.isValid() && key.isReadable()) {
                        readFrom(key, buffer);
                    }
                }
                keys.clear();
            } catch (ClosedSelectorException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (running) {
                    LOG.warn("UDP selector {} failed; continuing", thread.getName(), e);
                }
            }
        }
    }

    private void readFrom(SelectionKey key, ByteBuffer buffer) {
        DatagramChannel ch = (DatagramChannel) key.channel();
        InetSocketAddress local = (InetSocketAddress) key.attachment();
        for (int i = 0; i < 64; i++) {
            buffer.clear();
            InetSocketAddress remote;
            try {
                remote = (InetSocketAddress) ch.receive(buffer);
            } catch (IOException e) {
                return; // e.g. closed by unbind meanwhile
            }
            if (remote == null) {
                return;
            }
            buffer.flip();
            byte[] data = new byte[buffer.remaining()];
            buffer.get(data);
            try {
                receiver.receive(local, remote, data);
            } catch (RuntimeException e) {
                LOG.warn("handling a datagram {} -> {} failed", remote, local, e);
            }
        }
    }

    private static void closeQuietly(DatagramChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            LOG.debug("closing {} failed: {}", ch, e.toString());
        }
    }

    @Override
    public void close() {
        running = false;
        channels.values().forEach(UdpMultiplexer::closeQuietly);
        channels.clear();
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("closing selector failed: {}", e.toString());
        }
        thread.interrupt();
    }
}

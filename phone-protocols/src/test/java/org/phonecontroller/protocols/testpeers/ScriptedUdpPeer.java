package org.phonecontroller.protocols.testpeers;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * A tiny UDP peer for tests: every datagram received goes to a script that returns the datagrams to send back
 * (to the sender). Runs on a virtual thread until closed.
 */
public final class ScriptedUdpPeer implements AutoCloseable {

    private final DatagramSocket socket;
    private final AtomicInteger received = new AtomicInteger();
    private final Thread loop;

    public ScriptedUdpPeer(InetAddress address, int port, BiFunction<byte[], SocketAddress, List<byte[]>> script)
            throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(address, port));
        loop = Thread.ofVirtual().name("scripted-udp-" + address.getHostAddress()).start(() -> {
            byte[] buf = new byte[65535];
            while (!socket.isClosed()) {
                try {
                    var packet = new DatagramPacket(buf, buf.length);
                    socket.receive(packet);
                    received.incrementAndGet();
                    byte[] data = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
                    for (byte[] reply : script.apply(data, packet.getSocketAddress())) {
                        socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
                    }
                } catch (IOException e) {
                    if (!socket.isClosed()) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        });
    }

    public int received() {
        return received.get();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public void close() {
        socket.close();
        try {
            loop.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

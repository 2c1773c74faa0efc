package org.phonecontroller.protocols.testpeers;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.concurrent.ThreadLocalRandom;

/** Distinct 127.x.y.z addresses and free ports for tests (the network rule: loopback only). */
public final class Loopback {

    private Loopback() {
    }

    /** A random address in 127.31.0.0/16 (this module's test block), never .0 or .255 in the last byte. */
    public static InetAddress randomAddress() {
        var r = ThreadLocalRandom.current();
        try {
            return InetAddress.getByAddress(new byte[] {127, 31, (byte) r.nextInt(0, 256), (byte) r.nextInt(1, 255)});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** A random address in 127.{@code block}.0.0/16, never .0 or .255 in the last byte. */
    public static InetAddress randomAddress(int block) {
        var r = ThreadLocalRandom.current();
        try {
            return InetAddress.getByAddress(new byte[] {127, (byte) block, (byte) r.nextInt(0, 256),
                (byte) r.nextInt(1, 255)});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** A port that is free for both UDP and TCP on {@code address} right now. */
    public static int freePort(InetAddress address) {
        var r = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = r.nextInt(20000, 60000);
            try (var udp = new DatagramSocket(new InetSocketAddress(address, port));
                 var tcp = new ServerSocket(port, 1, address)) {
                return port;
            } catch (IOException e) {
                // taken: try another
            }
        }
        throw new IllegalStateException("no free port on " + address.getHostAddress());
    }
}

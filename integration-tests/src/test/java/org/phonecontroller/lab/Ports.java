package org.phonecontroller.lab;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Free ports on a loopback address of a test's own block (127.0.0.0/8 only), for its registrars and daemon. */
public final class Ports {

    private Ports() {
    }

    /** A port free for both UDP and TCP on {@code host} right now. */
    public static int freeUdpAndTcp(String host) {
        try {
            InetAddress address = InetAddress.getByName(host);
            for (int attempt = 0; attempt < 100; attempt++) {
                int port = ThreadLocalRandom.current().nextInt(20000, 60000);
                try (var udp = new DatagramSocket(new InetSocketAddress(address, port));
                     var tcp = new ServerSocket(port, 1, address)) {
                    return port;
                } catch (IOException taken) {
                    // try another
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("no free port on " + host);
    }

    /** A free TCP port on 127.0.0.1 (the daemon's admin API). */
    public static int freeTcp() {
        return freeTcp("127.0.0.1");
    }

    /** A free TCP port on {@code host} right now. */
    public static int freeTcp(String host) {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

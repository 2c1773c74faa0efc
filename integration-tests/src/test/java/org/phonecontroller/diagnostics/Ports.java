package org.phonecontroller.diagnostics;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Free ports on this module's diagnostics test block, 127.45.0.0/16. */
final class Ports {

    private Ports() {
    }

    /** A port free for both UDP and TCP on {@code host} right now. */
    static int freeUdpAndTcp(String host) {
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
    static int freeTcp() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

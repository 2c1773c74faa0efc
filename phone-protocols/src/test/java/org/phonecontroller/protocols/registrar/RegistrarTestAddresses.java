package org.phonecontroller.protocols.registrar;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ThreadLocalRandom;

/** Addresses of the registrar tests: 127.68.0.0/16 (this work's test block). */
final class RegistrarTestAddresses {
    private RegistrarTestAddresses() {
    }

    static InetAddress random() {
        var r = ThreadLocalRandom.current();
        try {
            return InetAddress.getByAddress(new byte[] {127, 68, (byte) r.nextInt(0, 256), (byte) r.nextInt(1, 255)});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}

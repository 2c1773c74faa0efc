package org.phonecontroller.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** Sends one SIP NOTIFY over UDP from a test address, as a PBX or the controller does, and returns the status. */
final class SipNotifier {
    private static final AtomicInteger SEQ = new AtomicInteger();

    private SipNotifier() {
    }

    /** The phone's final status code, or 0 when it did not answer within 3 s. */
    static int notify(String from, String phone, String event) {
        int n = SEQ.incrementAndGet();
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket(new InetSocketAddress(from, 0))) {
            socket.setSoTimeout(3000);
            String local = from + ":" + socket.getLocalPort();
            String msg = "NOTIFY sip:phone@" + phone + ":5060 SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP " + local + ";branch=z9hG4bKprovlab" + n + ";rport\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "From: <sip:controller@" + local + ">;tag=t" + n + "\r\n"
                    + "To: <sip:phone@" + phone + ":5060>\r\n"
                    + "Call-ID: provlab-" + n + "@" + from + "\r\n"
                    + "CSeq: 1 NOTIFY\r\n"
                    + "Contact: <sip:controller@" + local + ">\r\n"
                    + "Event: " + event + "\r\n"
                    + "Subscription-State: terminated\r\n"
                    + "Content-Length: 0\r\n\r\n";
            byte[] bytes = msg.getBytes(StandardCharsets.UTF_8);
            socket.send(new java.net.DatagramPacket(bytes, bytes.length, new InetSocketAddress(phone, 5060)));
            byte[] buf = new byte[4096];
            java.net.DatagramPacket reply = new java.net.DatagramPacket(buf, buf.length);
            socket.receive(reply);
            String status = new String(buf, 0, reply.getLength(), StandardCharsets.UTF_8).split(" ", 3)[1];
            return Integer.parseInt(status);
        } catch (SocketTimeoutException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

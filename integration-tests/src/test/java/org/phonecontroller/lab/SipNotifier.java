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
        return send(from, phone, event, null).status();
    }

    /**
     * As {@link #notify}, answering a 401 challenge with RFC 2617 Digest (MD5, no qop) for {@code user}/{@code password}
     * as a PBX or the controller does; the final status.
     */
    static int notifyWithDigest(String from, String phone, String event, String user, String password) {
        Reply first = send(from, phone, event, null);
        if (first.status() != 401) {
            return first.status();
        }
        String challenge = first.header("WWW-Authenticate");
        String realm = param(challenge, "realm");
        String nonce = param(challenge, "nonce");
        String uri = "sip:phone@" + phone + ":5060";
        String response = md5(md5(user + ":" + realm + ":" + password) + ":" + nonce + ":" + md5("NOTIFY:" + uri));
        String authorization = "Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce
                + "\", uri=\"" + uri + "\", response=\"" + response + "\", algorithm=MD5";
        return send(from, phone, event, authorization).status();
    }

    /** A reply: status and raw text. */
    record Reply(int status, String text) {
        String header(String name) {
            for (String line : text.split("\r\n")) {
                if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                    return line.substring(name.length() + 1).strip();
                }
            }
            return "";
        }
    }

    private static Reply send(String from, String phone, String event, String authorization) {
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
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                    + "Content-Length: 0\r\n\r\n";
            byte[] bytes = msg.getBytes(StandardCharsets.UTF_8);
            socket.send(new java.net.DatagramPacket(bytes, bytes.length, new InetSocketAddress(phone, 5060)));
            byte[] buf = new byte[4096];
            java.net.DatagramPacket reply = new java.net.DatagramPacket(buf, buf.length);
            socket.receive(reply);
            String text = new String(buf, 0, reply.getLength(), StandardCharsets.UTF_8);
            return new Reply(Integer.parseInt(text.split(" ", 3)[1]), text);
        } catch (SocketTimeoutException e) {
            return new Reply(0, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String param(String header, String name) {
        var m = java.util.regex.Pattern.compile(name + "=\"([^\"]*)\"").matcher(header);
        return m.find() ? m.group(1) : "";
    }

    private static String md5(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

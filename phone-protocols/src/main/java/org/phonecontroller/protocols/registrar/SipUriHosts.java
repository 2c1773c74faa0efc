package org.phonecontroller.protocols.registrar;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The IP literal of a SIP URI's (or bare address's) host, without ever resolving a name. */
final class SipUriHosts {
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)"
            + "(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private SipUriHosts() {
    }

    /**
     * {@code <sip:100@10.1.0.5:5060;transport=udp>}, {@code sips:10.1.0.5}, {@code sip:[2001:db8::5]:5060},
     * {@code 10.1.0.5} → the literal as {@link InetAddress#getHostAddress()} writes it; empty for a name or junk.
     */
    static Optional<String> ipOf(String uriOrAddress) {
        if (uriOrAddress == null) {
            return Optional.empty();
        }
        String s = uriOrAddress.strip();
        if (s.startsWith("<")) {
            int end = s.indexOf('>');
            s = end > 0 ? s.substring(1, end) : s.substring(1);
        }
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("sip:")) {
            s = s.substring(4);
        } else if (lower.startsWith("sips:")) {
            s = s.substring(5);
        }
        int at = s.lastIndexOf('@');
        if (at >= 0) {
            s = s.substring(at + 1);
        }
        int cut = firstOf(s, ";?>");
        if (cut >= 0) {
            s = s.substring(0, cut);
        }
        String host;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            host = s.substring(1, close);
        } else if (s.indexOf(':') != s.lastIndexOf(':')) {
            host = s; // a bare IPv6 literal without a port
        } else {
            int colon = s.indexOf(':');
            host = colon >= 0 ? s.substring(0, colon) : s;
        }
        return literal(host);
    }

    /** {@code host} when it is an IPv4 or IPv6 literal, normalised; never a DNS lookup. */
    static Optional<String> literal(String host) {
        if (IPV4.matcher(host).matches()) {
            return Optional.of(host);
        }
        if (host.indexOf(':') >= 0 && IPV6_CHARS.matcher(host).matches()) {
            try {
                return Optional.of(InetAddress.getByName("[" + host + "]").getHostAddress());
            } catch (UnknownHostException | IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static int firstOf(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}

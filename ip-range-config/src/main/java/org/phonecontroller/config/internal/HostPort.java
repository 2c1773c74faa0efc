package org.phonecontroller.config.internal;

import java.util.Optional;
import java.util.regex.Pattern;
import org.phonecontroller.ranges.IpAddresses;

/**
 * {@code host}, {@code host:port}, {@code [IPv6]:port} or a bare IPv6 literal. The host is an IP literal or a
 * syntactically valid DNS name; nothing is resolved.
 */
public record HostPort(String host, Optional<Integer> port) {
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    /**
     * @throws IllegalArgumentException explaining what is wrong with {@code text}
     */
    public static HostPort parse(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty address");
        }
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + t + "' opens '[' without closing it");
            }
            String host = t.substring(1, close);
            if (IpAddresses.tryParse(host).filter(a -> host.indexOf(':') >= 0).isEmpty()) {
                throw new IllegalArgumentException("'" + host + "' in brackets is not an IPv6 address");
            }
            String rest = t.substring(close + 1);
            if (rest.isEmpty()) {
                return new HostPort(normalised(host), Optional.empty());
            }
            if (!rest.startsWith(":")) {
                throw new IllegalArgumentException("expected ':PORT' after ']' in '" + t + "'");
            }
            return new HostPort(normalised(host), Optional.of(port(rest.substring(1), t)));
        }
        int colon = t.indexOf(':');
        if (colon >= 0 && t.indexOf(':', colon + 1) >= 0) {
            if (IpAddresses.isLiteral(t)) {
                return new HostPort(normalised(t), Optional.empty());
            }
            throw new IllegalArgumentException("'" + t + "' is not an address; write IPv6 with a port as "
                    + "[ADDRESS]:PORT");
        }
        String host = colon >= 0 ? t.substring(0, colon) : t;
        Optional<Integer> port = colon >= 0 ? Optional.of(port(t.substring(colon + 1), t)) : Optional.empty();
        checkHost(host, t);
        return new HostPort(host, port);
    }

    private static String normalised(String ipv6) {
        return IpAddresses.format(IpAddresses.parse(ipv6));
    }

    private static int port(String text, String whole) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("the port in '" + whole + "' must be a number from 1 to 65535");
        }
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the port in '" + whole + "' must be from 1 to 65535, not " + port);
        }
        return port;
    }

    private static void checkHost(String host, String whole) {
        if (host.isEmpty()) {
            throw new IllegalArgumentException("'" + whole + "' has no host");
        }
        if (IpAddresses.isLiteral(host)) {
            return;
        }
        String[] labels = host.split("\\.", -1);
        if (labels[labels.length - 1].chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("'" + host + "' is not a valid IPv4 address");
        }
        if (host.length() > 253) {
            throw new IllegalArgumentException("host name '" + host.substring(0, 40) + "...' is too long");
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("'" + host + "' is neither an IP address nor a valid host name");
            }
        }
    }

    /** {@code host:port} with IPv6 in brackets, or the host alone when there is no port. */
    @Override
    public String toString() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port.map(p -> h + ":" + p).orElse(h);
    }
}

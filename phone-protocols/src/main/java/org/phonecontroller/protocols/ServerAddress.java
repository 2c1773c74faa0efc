package org.phonecontroller.protocols;

import java.util.Objects;

/**
 * A SIP server as a phone is configured with it: a host (name or IP literal, IPv6 without brackets) and a port.
 *
 * @param host the host name or IP address, never blank
 * @param port 1..65535
 */
public record ServerAddress(String host, int port) {

    public static final int DEFAULT_SIP_PORT = 5060;

    public ServerAddress {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("server host is blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("server port " + port + " is outside 1..65535");
        }
    }

    /**
     * Parses {@code host}, {@code host:port}, {@code [v6]:port} or a bare IPv6 literal; the port defaults to 5060.
     *
     * @throws IllegalArgumentException quoting the text when it is not a server address
     */
    public static ServerAddress parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty server address");
        }
        try {
            if (t.startsWith("[")) {
                int close = t.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException("missing ']'");
                }
                String host = t.substring(1, close);
                String rest = t.substring(close + 1);
                if (rest.isEmpty()) {
                    return new ServerAddress(host, DEFAULT_SIP_PORT);
                }
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("unexpected text after ']'");
                }
                return new ServerAddress(host, parsePort(rest.substring(1)));
            }
            int first = t.indexOf(':');
            if (first < 0) {
                return new ServerAddress(t, DEFAULT_SIP_PORT);
            }
            if (first != t.lastIndexOf(':')) {
                return new ServerAddress(t, DEFAULT_SIP_PORT); // bare IPv6 literal
            }
            return new ServerAddress(t.substring(0, first), parsePort(t.substring(first + 1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a server address (HOST[:PORT]): "
                    + e.getMessage(), e);
        }
    }

    private static int parsePort(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port '" + s + "' is not a number", e);
        }
    }

    /** {@code host:port}, with brackets around an IPv6 literal. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}

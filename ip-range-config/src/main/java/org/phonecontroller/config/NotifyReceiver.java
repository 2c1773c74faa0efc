package org.phonecontroller.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One entry of {@code notify:}: where events go, which kinds, how long one delivery may take. Two receivers are the
 * same receiver (a reload keeps its queue) exactly when their records are equal.
 *
 * @param destination where the events go
 * @param kinds       the event kinds sent (names of the daemon's event kinds); empty means the default: every
 *                    PhoneManager-, range- and controller-level kind, never a per-phone one
 * @param timeout     how long one delivery attempt may take (default {@link #DEFAULT_TIMEOUT})
 * @param credentials the key in the credentials file holding the receiver's secret (bearer token, SMTP login,
 *                    SNMP community or v3 user), if any
 */
public record NotifyReceiver(Destination destination, Set<String> kinds, Duration timeout,
                             Optional<String> credentials) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /**
     * The default enterprise root of traps, under which {@code PHONECONTROLLER-MIB} is defined: IANA's example
     * enterprise 32473 (RFC 5612). Sites with their own Private Enterprise Number set {@code enterprise:}.
     */
    public static final String DEFAULT_ENTERPRISE = "1.3.6.1.4.1.32473.1";

    public NotifyReceiver {
        Objects.requireNonNull(destination, "destination");
        kinds = Set.copyOf(kinds);
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(credentials, "credentials");
    }

    /** How logs and metrics name the receiver; never holds a secret (a webhook's query string is left out). */
    public String name() {
        return destination.describe();
    }

    /** Where events go. */
    public sealed interface Destination {
        /** A short description without secrets, e.g. {@code webhook https://hooks.example/pc}. */
        String describe();
    }

    /** A program run once per event: the event as JSON on stdin, {@code PHONECONTROLLER_*} variables. */
    public record Command(Path program) implements Destination {
        @Override
        public String describe() {
            return "command " + program;
        }
    }

    /** An HTTP(S) POST of the event's JSON. */
    public record Webhook(URI url) implements Destination {
        @Override
        public String describe() {
            return "webhook " + url.getScheme() + "://" + url.getRawAuthority().replaceAll(".*@", "")
                    + (url.getRawPath() == null ? "" : url.getRawPath());
        }
    }

    /** How an SMTP connection is protected. */
    public enum MailSecurity { NONE, STARTTLS, TLS }

    /** One mail per event through an SMTP server (login from the credentials file: {@code smtp: {user, password}}). */
    public record Email(String host, int port, MailSecurity security, String from, List<String> to)
            implements Destination {
        public Email {
            to = List.copyOf(to);
        }

        @Override
        public String describe() {
            return "email " + host + ":" + port;
        }
    }

    /**
     * An SNMP notification: a v2c trap with the community of the credentials entry's {@code snmp}, or a v3 inform
     * with its user. The objects are those of {@code PHONECONTROLLER-MIB}, rooted at {@code enterprise}.
     */
    public record SnmpTrap(String host, int port, String enterprise) implements Destination {
        @Override
        public String describe() {
            return "snmpTrap " + host + ":" + port;
        }
    }

    /** The transports of RFC 5424 syslog: RFC 5426 (UDP), RFC 6587 (TCP, octet counting), RFC 5425 (TLS). */
    public enum SyslogTransport { UDP, TCP, TLS }

    /** An RFC 5424 message per event. */
    public record Syslog(SyslogTransport transport, String host, int port) implements Destination {
        @Override
        public String describe() {
            return "syslog " + transport.name().toLowerCase(java.util.Locale.ROOT) + ":" + host + ":" + port;
        }
    }
}

package org.phonecontroller.protocols;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.phonecontroller.protocols.http.HttpCredentials;
import org.phonecontroller.protocols.http.TlsPolicy;
import org.phonecontroller.protocols.snmp.SnmpCredentials;

/**
 * How a {@link PhoneProtocol} built by {@link PhoneProtocolFactory} talks to the phones of a range.
 *
 * @param timeout per request (SNMP: per attempt; HTTP: connect and reply)
 * @param retries SNMP resends after a timeout (HTTP does not resend)
 * @param snmp    credentials for {@code snmp:*} protocols
 * @param http    credentials for the HTTP protocols
 * @param tls     plain HTTP or how to trust HTTPS phones
 * @param port    the phones' port when not the protocol's standard one (SNMP 161, HTTP 80, HTTPS 443)
 */
public record ProtocolSettings(Duration timeout, int retries, Optional<SnmpCredentials> snmp,
                               Optional<HttpCredentials> http, TlsPolicy tls, OptionalInt port) {

    public ProtocolSettings {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        if (retries < 0 || retries > 10) {
            throw new IllegalArgumentException("retries " + retries + " is outside 0..10");
        }
        Objects.requireNonNull(snmp, "snmp");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(port, "port");
        port.ifPresent(p -> {
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("port " + p + " is outside 1..65535");
            }
        });
    }

    /** 1 s timeout, 1 retry, no credentials, plain HTTP, standard ports. */
    public static ProtocolSettings defaults() {
        return new ProtocolSettings(Duration.ofSeconds(1), 1, Optional.empty(), Optional.empty(),
                new TlsPolicy.PlainHttp(), OptionalInt.empty());
    }

    public ProtocolSettings withTimeout(Duration value) {
        return new ProtocolSettings(value, retries, snmp, http, tls, port);
    }

    public ProtocolSettings withRetries(int value) {
        return new ProtocolSettings(timeout, value, snmp, http, tls, port);
    }

    public ProtocolSettings withSnmp(SnmpCredentials value) {
        return new ProtocolSettings(timeout, retries, Optional.of(value), http, tls, port);
    }

    public ProtocolSettings withHttp(HttpCredentials value) {
        return new ProtocolSettings(timeout, retries, snmp, Optional.of(value), tls, port);
    }

    public ProtocolSettings withTls(TlsPolicy value) {
        return new ProtocolSettings(timeout, retries, snmp, http, value, port);
    }

    public ProtocolSettings withPort(int value) {
        return new ProtocolSettings(timeout, retries, snmp, http, tls, OptionalInt.of(value));
    }
}

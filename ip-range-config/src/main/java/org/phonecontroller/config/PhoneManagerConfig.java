package org.phonecontroller.config;

import java.util.Objects;
import java.util.Optional;

/**
 * A PhoneManager: the server phones register to (a SIP registrar or PBX).
 *
 * <p>YAML: {@code pm-primary: { address: 10.0.0.10:5060, transport: udp, probe: sip-options }}, optionally
 * with {@code probePort} when the health probe talks to another port than SIP (e.g. an HTTP status page),
 * {@code tls: { trust: ... }} and {@code credentials: KEY}.
 *
 * @param name        the key under {@code phoneManagers}
 * @param host        an IP literal or a host name (resolved when used, never while loading)
 * @param port        the SIP port pushed to phones (default 5060, 5061 for TLS)
 * @param transport   the SIP transport pushed to phones and used by the SIP OPTIONS probe (default UDP)
 * @param probe       how health is probed (default SIP_OPTIONS)
 * @param probePort   the port the probe uses (default: {@code port}, or 161 for SNMP)
 * @param registrar   where to read who is registered there ({@code registrar:}), if configured
 * @param tls         {@code tls:} as written: the trust of a probe over TLS; an {@code http} probe uses https when
 *                    it is present. Empty: the system's trust (see {@link #trust()})
 * @param credentials {@code credentials:}, the key in the credentials file whose {@code snmp} entry the {@code snmp}
 *                    probe uses (empty: the PhoneManager's name, else {@code default}; see {@link #credentialsKey()})
 */
public record PhoneManagerConfig(String name, String host, int port, SipTransport transport, ProbeKind probe,
                                 int probePort, Optional<RegistrarConfig> registrar, Optional<TlsTrust> tls,
                                 Optional<String> credentials) {
    public PhoneManagerConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(registrar, "registrar");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(credentials, "credentials");
    }

    /** Without {@code tls:} and {@code credentials:}. */
    public PhoneManagerConfig(String name, String host, int port, SipTransport transport, ProbeKind probe,
                              int probePort, Optional<RegistrarConfig> registrar) {
        this(name, host, port, transport, probe, probePort, registrar, Optional.empty(), Optional.empty());
    }

    /** A PhoneManager without a registrar view, {@code tls:} or {@code credentials:}. */
    public PhoneManagerConfig(String name, String host, int port, SipTransport transport, ProbeKind probe,
                              int probePort) {
        this(name, host, port, transport, probe, probePort, Optional.empty());
    }

    /** A PhoneManager whose probe uses the SIP port (161 for an SNMP probe). */
    public PhoneManagerConfig(String name, String host, int port, SipTransport transport, ProbeKind probe) {
        this(name, host, port, transport, probe, probe == ProbeKind.SNMP ? 161 : port);
    }

    /** {@code host:port}, with IPv6 literals in brackets. */
    public String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** The trust of probes over TLS: {@code tls.trust}, else the system's. */
    public TlsTrust trust() {
        return tls.orElse(TlsTrust.SYSTEM);
    }

    /** Whether an {@code http} probe asks over https ({@code tls:} is written). */
    public boolean httpsProbe() {
        return probe == ProbeKind.HTTP && tls.isPresent();
    }

    /** The credentials key the {@code snmp} probe uses ({@link Credentials#forRange} falls back to default). */
    public String credentialsKey() {
        return credentials.orElse(name);
    }
}

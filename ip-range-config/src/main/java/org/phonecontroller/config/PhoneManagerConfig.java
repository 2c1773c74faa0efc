package org.phonecontroller.config;

import java.util.Objects;
import java.util.Optional;

/**
 * A PhoneManager: the server phones register to (a SIP registrar or PBX).
 *
 * <p>YAML: {@code pm-primary: { address: 10.0.0.10:5060, transport: udp, probe: sip-options }}, optionally
 * with {@code probePort} when the health probe talks to another port than SIP (e.g. an HTTP status page).
 *
 * @param name      the key under {@code phoneManagers}
 * @param host      an IP literal or a host name (resolved when used, never while loading)
 * @param port      the SIP port pushed to phones (default 5060, 5061 for TLS)
 * @param transport the SIP transport pushed to phones and used by the SIP OPTIONS probe (default UDP)
 * @param probe     how health is probed (default SIP_OPTIONS)
 * @param probePort the port the probe uses (default: {@code port}, or 161 for SNMP)
 * @param registrar where to read who is registered there ({@code registrar:}), if configured
 */
public record PhoneManagerConfig(String name, String host, int port, SipTransport transport, ProbeKind probe,
                                 int probePort, Optional<RegistrarConfig> registrar) {
    public PhoneManagerConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(registrar, "registrar");
    }

    /** A PhoneManager without a registrar view. */
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
}

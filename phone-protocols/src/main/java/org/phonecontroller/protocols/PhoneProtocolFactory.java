package org.phonecontroller.protocols;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.phonecontroller.protocols.http.GrandstreamHttpProtocol;
import org.phonecontroller.protocols.http.HttpCredentials;
import org.phonecontroller.protocols.http.HttpTransport;
import org.phonecontroller.protocols.http.PolycomRestProtocol;
import org.phonecontroller.protocols.http.SnomHttpProtocol;
import org.phonecontroller.protocols.http.TlsPolicy;
import org.phonecontroller.protocols.snmp.SnmpCredentials;
import org.phonecontroller.protocols.snmp.SnmpPhoneProtocol;
import org.phonecontroller.protocols.snmp.SnmpProfile;
import org.phonecontroller.protocols.snmp.SnmpProfiles;
import org.phonecontroller.protocols.snmp.SnmpSession;

/**
 * Builds {@link PhoneProtocol}s from the names used in configuration ({@code snmp:<profile>}, {@code polycom-rest},
 * {@code snom-http}, {@code grandstream-http}) and owns what they share: one SNMP session (one UDP socket) for all
 * SNMP protocols and one HTTP client per TLS policy and timeout. Closing the factory closes them; protocols built by
 * it must not be used afterwards. Thread-safe.
 */
public final class PhoneProtocolFactory implements AutoCloseable {

    /** The HTTP protocols' names. */
    public static final List<String> HTTP_PROTOCOLS = List.of(GrandstreamHttpProtocol.NAME, PolycomRestProtocol.NAME,
            SnomHttpProtocol.NAME);

    private final SnmpProfiles profiles;
    private final InstantSource clock;
    private final Map<TransportKey, HttpTransport> transports = new ConcurrentHashMap<>();
    private volatile SnmpSession snmpSession;
    private volatile boolean closed;
    /** Opening the shared SNMP session and closing: a lock, not a monitor (protocols are used from virtual threads). */
    private final ReentrantLock lifecycle = new ReentrantLock();

    /** HTTP clients are shared per TLS policy (a trust-on-first-use store is compared by identity) and timeout. */
    private record TransportKey(TlsPolicy tls, Duration timeout) {
    }

    /**
     * @param profilesDir extra SNMP profiles next to the built-in ones (may be absent)
     * @throws org.phonecontroller.protocols.snmp.InvalidSnmpProfileException listing every problem of the profiles
     */
    public PhoneProtocolFactory(Optional<Path> profilesDir) {
        this(SnmpProfiles.load(profilesDir), InstantSource.system());
    }

    public PhoneProtocolFactory(SnmpProfiles profiles, InstantSource clock) {
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Every name {@link #create} accepts, sorted: the HTTP protocols and {@code snmp:} + each profile. */
    public List<String> knownProtocolNames() {
        List<String> names = new ArrayList<>(HTTP_PROTOCOLS);
        profiles.names().forEach(p -> names.add("snmp:" + p));
        names.sort(null);
        return List.copyOf(names);
    }

    public SnmpProfiles profiles() {
        return profiles;
    }

    /**
     * Builds the protocol named {@code spec}.
     *
     * @throws IllegalArgumentException for an unknown name (listing the known ones) or missing credentials
     */
    public PhoneProtocol create(String spec, ProtocolSettings settings) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(settings, "settings");
        if (closed) {
            throw new IllegalStateException("the protocol factory is closed");
        }
        String name = spec.trim();
        if (name.startsWith("snmp:")) {
            SnmpProfile profile = profiles.get(name.substring(5)).orElseThrow(() -> unknown(spec));
            SnmpCredentials credentials = settings.snmp().orElseThrow(() -> new IllegalArgumentException(
                    "protocol '" + name + "' needs SNMP credentials (a v2c community or a v3 user)"));
            return new SnmpPhoneProtocol(snmpSession(), profile, credentials, settings.timeout(), settings.retries(),
                    settings.port().orElse(SnmpPhoneProtocol.DEFAULT_PORT), clock);
        }
        if (!HTTP_PROTOCOLS.contains(name)) {
            throw unknown(spec);
        }
        HttpCredentials credentials = settings.http().orElseThrow(() -> new IllegalArgumentException(
                "protocol '" + name + "' needs HTTP credentials (user and password)"));
        HttpTransport transport = transports.computeIfAbsent(new TransportKey(settings.tls(), settings.timeout()), k -> HttpTransport.create(
                settings.tls(), settings.timeout()));
        int port = settings.port().orElse(settings.tls() instanceof TlsPolicy.PlainHttp ? 80 : 443);
        return switch (name) {
            case PolycomRestProtocol.NAME -> new PolycomRestProtocol(transport, credentials, port, clock);
            case SnomHttpProtocol.NAME -> new SnomHttpProtocol(transport, credentials, port, 1, clock);
            case GrandstreamHttpProtocol.NAME -> new GrandstreamHttpProtocol(transport, credentials, port, clock);
            default -> throw unknown(spec);
        };
    }

    private IllegalArgumentException unknown(String spec) {
        return new IllegalArgumentException("unknown phone protocol '" + spec + "'; known: "
                + String.join(", ", knownProtocolNames()));
    }

    private SnmpSession snmpSession() {
        SnmpSession s = snmpSession;
        if (s == null) {
            lifecycle.lock();
            try {
                s = snmpSession;
                if (s == null) {
                    s = SnmpSession.open();
                    snmpSession = s;
                }
            } finally {
                lifecycle.unlock();
            }
        }
        return s;
    }

    @Override
    public void close() {
        lifecycle.lock();
        try {
            closed = true;
            if (snmpSession != null) {
                snmpSession.close();
            }
            transports.values().forEach(HttpTransport::close);
            transports.clear();
        } finally {
            lifecycle.unlock();
        }
    }
}

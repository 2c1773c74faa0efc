package org.phonecontroller.daemon.diagnostics;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.phonecontroller.config.ControllerConfig;
import org.phonecontroller.config.ProtocolNames;
import org.phonecontroller.config.RangeConfig;
import org.phonecontroller.config.RangeCredentials;
import org.phonecontroller.config.ScanSettings;
import org.phonecontroller.config.SnmpCredentials;
import org.phonecontroller.daemon.adapters.DefaultProtocolFactory;
import org.phonecontroller.protocols.PhoneProtocol;
import org.phonecontroller.protocols.sip.SipDiscovery;
import org.phonecontroller.protocols.sip.SipIds;
import org.phonecontroller.protocols.sip.SipUdpClient;
import org.phonecontroller.protocols.sip.UserAgentTable;

/**
 * The protocols a diagnostic tries, in order, built the way the daemon builds them (the range's credentials, the
 * scan's timeout and retries); a protocol that cannot be built is kept as {@link Unavailable} with the reason, so
 * the report can say why it was not tried. Besides the configurable names, {@code sip} (SIP OPTIONS and the
 * User-Agent) identifies phones without credentials. Closing releases the sockets.
 */
public final class DiagnosticProtocols implements AutoCloseable {

    /** One protocol of the list. */
    public sealed interface Entry {
        String name();
    }

    /** Ready to ask phones. */
    public record Ready(String name, PhoneProtocol protocol) implements Entry {
    }

    /** Cannot be tried, and why. */
    public record Unavailable(String name, String why) implements Entry {
    }

    private final List<Entry> entries;
    private final Optional<SnmpCredentials> snmp;
    private final Duration timeout;
    private final int retries;
    private final int phoneHttpPort;
    private final AutoCloseable[] resources;

    private DiagnosticProtocols(List<Entry> entries, Optional<SnmpCredentials> snmp, Duration timeout, int retries,
                                int phoneHttpPort, AutoCloseable... resources) {
        this.entries = List.copyOf(entries);
        this.phoneHttpPort = phoneHttpPort;
        this.snmp = snmp;
        this.timeout = timeout;
        this.retries = retries;
        this.resources = resources;
    }

    /**
     * Builds {@code names} for {@code range} (a configured one, or a stand-in carrying the credentials key).
     *
     * @param config absent: no credentials at all; only {@code sip} can be tried
     * @throws IllegalArgumentException for a name that is no protocol (a usage error)
     */
    public static DiagnosticProtocols build(List<String> names, Optional<ControllerConfig> config, RangeConfig range,
                                            Optional<RangeCredentials> credentials) {
        ScanSettings scan = config.map(ControllerConfig::scan).orElse(ScanSettings.DEFAULTS);
        for (String name : names) {
            if (!name.equals(SipOptionsIdentification.NAME) && ProtocolNames.find(name).isEmpty()) {
                throw new IllegalArgumentException("unknown protocol '" + name + "' (known: "
                        + SipOptionsIdentification.NAME + ", " + String.join(", ", ProtocolNames.displayNames())
                        + ")");
            }
        }
        List<Entry> entries = new ArrayList<>();
        SipUdpClient sip = null;
        DefaultProtocolFactory factory = config.map(DefaultProtocolFactory::new).orElse(null);
        try {
            for (String name : names) {
                if (name.equals(SipOptionsIdentification.NAME)) {
                    if (sip == null) {
                        sip = SipUdpClient.open(wildcard(), "PhoneController", SipIds.secure());
                    }
                    entries.add(new Ready(name, new SipOptionsIdentification(
                            new SipDiscovery(sip, UserAgentTable.builtIn(), scan.timeout()))));
                } else if (name.startsWith("provisioning:")) {
                    entries.add(new Unavailable(name, "a provisioning phone is known by its fetches from the running"
                            + " daemon: 'phonectl provisioning show ADDRESS' asks it"));
                } else if (name.equals("sip-notify")) {
                    entries.add(new Unavailable(name, "sip-notify re-provisions phones but cannot identify them"));
                } else if (factory == null) {
                    entries.add(new Unavailable(name, "needs credentials: give --config FILE (its credentials "
                            + "file has them)"));
                } else {
                    entries.add(buildOne(factory, name, config.get(), range, credentials));
                }
            }
        } catch (RuntimeException e) {
            close(factory, sip);
            throw e;
        }
        return new DiagnosticProtocols(entries, credentials.flatMap(RangeCredentials::snmp), scan.timeout(),
                scan.retries(), factory != null ? factory.phoneHttpPort()
                        : Integer.getInteger(DefaultProtocolFactory.HTTP_PORT_PROPERTY, 80), sip, factory);
    }

    private static Entry buildOne(DefaultProtocolFactory factory, String name, ControllerConfig config,
                                  RangeConfig range, Optional<RangeCredentials> credentials) {
        RangeConfig single = new RangeConfig(range.name(), range.addresses(), range.primary(), range.fallback(),
                List.of(name), range.credentials(), range.allowLarge());
        try {
            List<PhoneProtocol> built = factory.forRange(single, credentials, config);
            return built.isEmpty() ? new Unavailable(name, "cannot identify phones")
                    : new Ready(name, built.get(0));
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("unknown phone protocol")) {
                throw e; // e.g. an SNMP profile that does not exist: a usage error
            }
            return new Unavailable(name, e.getMessage() + " (credentials key '" + range.credentials()
                    + "' in " + config.credentialsFile() + ")");
        }
    }

    private static InetAddress wildcard() {
        return new java.net.InetSocketAddress(0).getAddress();
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The SNMP credentials of the range, when it has some. */
    public Optional<SnmpCredentials> snmpCredentials() {
        return snmp;
    }

    /** How long one request waits (the configuration's {@code scan.timeout}). */
    public Duration timeout() {
        return timeout;
    }

    /** The TCP port of the phones' HTTP APIs (what the TCP-connect sweep asks). */
    public int phoneHttpPort() {
        return phoneHttpPort;
    }

    /** Extra rounds for silent addresses ({@code scan.retries}). */
    public int retries() {
        return retries;
    }

    @Override
    public void close() {
        close(resources);
    }

    private static void close(AutoCloseable... resources) {
        for (AutoCloseable resource : resources) {
            if (resource != null) {
                try {
                    resource.close();
                } catch (Exception e) {
                    throw new IllegalStateException("cannot close " + resource, e);
                }
            }
        }
    }
}

package org.phonecontroller.daemon.provisioning;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.phonecontroller.config.ControllerConfig;
import org.phonecontroller.config.Credentials;
import org.phonecontroller.config.PhoneManagerConfig;
import org.phonecontroller.config.ProvisioningSettings;
import org.phonecontroller.config.RangeConfig;
import org.phonecontroller.config.RangeCredentials;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.Transport;
import org.phonecontroller.protocols.http.HttpCredentials;
import org.phonecontroller.protocols.provisioning.ProvisionedServer;
import org.phonecontroller.protocols.provisioning.ProvisioningProfiles;
import org.phonecontroller.ranges.RangeIndex;

/**
 * What the provisioning server serves under one configuration: the provisioned ranges (by name and by address), the
 * credentials that answer their phones' NOTIFY digest, the file source and the configuration's
 * {@code provisioning:} section (empty when it has none: then no range is provisioned and every client gets 403).
 * Immutable: a reload builds a new one and the server swaps to it whole ({@link Provisioning#configure}), so one
 * request sees one configuration from its first line to its last.
 */
public final class ProvisionedRanges {

    private final Map<String, ProvisionedRange> byName;
    private final RangeIndex<ProvisionedRange> byAddress;
    private final Map<String, Optional<HttpCredentials>> credentials;
    private final FileSource source;
    private final Optional<FileSource.Spec> sourceSpec;
    private final Optional<ProvisioningSettings> settings;

    private ProvisionedRanges(List<ProvisionedRange> ranges, Map<String, Optional<HttpCredentials>> credentials,
                              FileSource source, Optional<FileSource.Spec> sourceSpec,
                              Optional<ProvisioningSettings> settings) {
        Map<String, ProvisionedRange> named = new LinkedHashMap<>();
        ranges.forEach(r -> named.put(r.name(), r));
        this.byName = java.util.Collections.unmodifiableMap(named);
        this.byAddress = RangeIndex.of(ranges.stream().flatMap(r -> r.addresses().stream()
                .map(a -> new RangeIndex.Entry<>(a, r))).toList());
        this.credentials = Map.copyOf(credentials);
        this.source = Objects.requireNonNull(source, "source");
        this.sourceSpec = Objects.requireNonNull(sourceSpec, "sourceSpec");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Ranges served from {@code source}, without NOTIFY credentials (tests, tools). */
    static ProvisionedRanges of(List<ProvisionedRange> ranges, FileSource source) {
        return new ProvisionedRanges(ranges, Map.of(), source, Optional.empty(), Optional.empty());
    }

    /**
     * The ranges of {@code config} with a {@code provisioning:<profile>} protocol, served from {@code source}.
     *
     * @param sourceSpec what {@code source} was made from
     * @throws IllegalStateException when a range names a profile {@code profiles} does not have
     */
    static ProvisionedRanges of(ControllerConfig config, Credentials credentials, ProvisioningProfiles profiles,
                                FileSource source, Optional<FileSource.Spec> sourceSpec) {
        List<ProvisionedRange> ranges = new java.util.ArrayList<>();
        Map<String, Optional<HttpCredentials>> logins = new java.util.HashMap<>();
        for (RangeConfig range : config.ranges()) {
            range.protocols().stream().filter(p -> p.startsWith("provisioning:")).findFirst().ifPresent(name -> {
                String profile = name.substring("provisioning:".length());
                ranges.add(new ProvisionedRange(range.name(), range.addresses(), profiles.get(profile)
                        .orElseThrow(() -> new IllegalStateException("range '" + range.name() + "': unknown "
                                + "provisioning profile '" + profile + "' (known: " + profiles.names() + ")")), name,
                        server(config, range.primary()), server(config, range.fallback())));
                logins.put(range.name(), credentials.forRange(range.credentials())
                        .flatMap(RangeCredentials::http).map(h -> new HttpCredentials(h.user(), h.password())));
            });
        }
        return new ProvisionedRanges(ranges, logins, source, sourceSpec, config.provisioning());
    }

    private static ProvisionedServer server(ControllerConfig config, String phoneManager) {
        PhoneManagerConfig pm = config.phoneManager(phoneManager).orElseThrow(() -> new IllegalStateException(
                "PhoneManager '" + phoneManager + "' is not configured"));
        return ProvisionedServer.of(new ServerAddress(pm.host(), pm.port()), Transport.valueOf(pm.transport().name()));
    }

    /** The provisioned range {@code client} belongs to, if any. */
    public Optional<ProvisionedRange> rangeOf(InetAddress client) {
        return byAddress.lookup(client);
    }

    public Optional<ProvisionedRange> range(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** In the configuration's order. */
    public List<ProvisionedRange> ranges() {
        return List.copyOf(byName.values());
    }

    /** The {@code http} user and password of the range's credentials (the phones' NOTIFY digest), if any. */
    public Optional<HttpCredentials> credentials(String range) {
        return credentials.getOrDefault(range, Optional.empty());
    }

    FileSource source() {
        return source;
    }

    Optional<FileSource.Spec> sourceSpec() {
        return sourceSpec;
    }

    /** The configuration's {@code provisioning:} section; empty when it has none. */
    public Optional<ProvisioningSettings> settings() {
        return settings;
    }

    /** Whether {@code phone} belongs to a range of the same name and PhoneManagers in both. */
    static boolean sameServers(ProvisionedRanges a, ProvisionedRanges b, InetAddress phone) {
        Optional<ProvisionedRange> before = a.rangeOf(phone);
        Optional<ProvisionedRange> after = b.rangeOf(phone);
        return before.isPresent() && after.isPresent() && before.get().name().equals(after.get().name())
                && before.get().primary().equals(after.get().primary())
                && before.get().fallback().equals(after.get().fallback());
    }

    /** For the log: each range with its addresses, profile and PhoneManagers. */
    String describe() {
        return byName.isEmpty() ? "no range" : byName.values().stream().map(r -> r.name() + " " + r.addresses()
                + " " + r.protocol() + " " + r.primary().address() + " / " + r.fallback().address()).toList()
                .toString();
    }
}

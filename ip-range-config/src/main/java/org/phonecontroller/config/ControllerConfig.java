package org.phonecontroller.config;

import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.phonecontroller.ranges.RangeIndex;

/**
 * A validated {@code conf/controller.yaml}. Obtain one from {@link ConfigLoader}; every path is absolute,
 * resolved against the folder of the configuration file.
 *
 * @param phoneManagers   by name, in file order
 * @param ranges          in file order; their addresses never overlap
 * @param credentialsFile where the secrets are (default {@code credentials.yaml} next to the configuration)
 * @param profilesDir     extra SNMP profiles (default {@code profiles} next to the configuration)
 * @param source          the configuration file
 * @param receivers       the receivers of events ({@code notify:}), in file order
 */
public record ControllerConfig(Map<String, PhoneManagerConfig> phoneManagers, List<RangeConfig> ranges,
                               ProbeSettings probe, FailoverSettings failover, ScanSettings scan,
                               StorageSettings storage, AdminSettings admin, Path credentialsFile,
                               Path profilesDir, Path source, List<NotifyReceiver> receivers) {
    public ControllerConfig {
        receivers = List.copyOf(receivers);
        phoneManagers = Collections.unmodifiableMap(new LinkedHashMap<>(phoneManagers));
        ranges = List.copyOf(ranges);
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(failover, "failover");
        Objects.requireNonNull(scan, "scan");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(credentialsFile, "credentialsFile");
        Objects.requireNonNull(profilesDir, "profilesDir");
        Objects.requireNonNull(source, "source");
    }

    /** A configuration without notify receivers. */
    public ControllerConfig(Map<String, PhoneManagerConfig> phoneManagers, List<RangeConfig> ranges,
                            ProbeSettings probe, FailoverSettings failover, ScanSettings scan,
                            StorageSettings storage, AdminSettings admin, Path credentialsFile,
                            Path profilesDir, Path source) {
        this(phoneManagers, ranges, probe, failover, scan, storage, admin, credentialsFile, profilesDir, source,
                List.of());
    }

    /** The PhoneManager called {@code name}. */
    public Optional<PhoneManagerConfig> phoneManager(String name) {
        return Optional.ofNullable(phoneManagers.get(name));
    }

    /** The range called {@code name}. */
    public Optional<RangeConfig> range(String name) {
        return ranges.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** The range holding {@code address} (a linear scan; use {@link #rangeIndex()} for many lookups). */
    public Optional<RangeConfig> rangeOf(InetAddress address) {
        return ranges.stream().filter(r -> r.contains(address)).findFirst();
    }

    /** An index from address to range over every block of every range. */
    public RangeIndex<RangeConfig> rangeIndex() {
        return RangeIndex.of(ranges.stream()
                .flatMap(r -> r.addresses().stream().map(a -> new RangeIndex.Entry<>(a, r)))
                .toList());
    }

    /** The number of addresses over all ranges. */
    public BigInteger addressCount() {
        return ranges.stream().map(RangeConfig::size).reduce(BigInteger.ZERO, BigInteger::add);
    }
}

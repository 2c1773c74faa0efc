package org.phonecontroller.daemon.provisioning;

import java.util.List;
import java.util.Objects;
import org.phonecontroller.daemon.inventory.Target;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.provisioning.ProvisionedServer;
import org.phonecontroller.protocols.provisioning.ProvisioningProfile;
import org.phonecontroller.ranges.IpRange;

/**
 * A range whose phones are provisioned by the controller: its profile and its two PhoneManagers as written into files.
 *
 * @param protocol the protocol name, {@code provisioning:<profile>}
 */
public record ProvisionedRange(String name, List<IpRange> addresses, ProvisioningProfile profile, String protocol,
                               ProvisionedServer primary, ProvisionedServer fallback) {
    public ProvisionedRange {
        Objects.requireNonNull(name, "name");
        addresses = List.copyOf(addresses);
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(primary, "primary");
        Objects.requireNonNull(fallback, "fallback");
    }

    /** What a phone is given for {@code target}: that PhoneManager first, the other second. */
    public List<ProvisionedServer> serversFor(Target target) {
        return target == Target.PRIMARY ? List.of(primary, fallback) : List.of(fallback, primary);
    }

    /** The servers of an assignment, with the transports of the range's PhoneManagers where they are theirs. */
    public List<ProvisionedServer> provisioned(List<ServerAddress> servers) {
        return servers.stream().map(s -> s.equals(primary.address()) ? primary : s.equals(fallback.address())
                ? fallback : new ProvisionedServer(s, java.util.Optional.empty())).toList();
    }
}

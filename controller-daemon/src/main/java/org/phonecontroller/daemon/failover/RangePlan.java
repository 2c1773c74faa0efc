package org.phonecontroller.daemon.failover;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.phonecontroller.daemon.inventory.Target;
import org.phonecontroller.protocols.PhoneProtocol;
import org.phonecontroller.ranges.IpRange;
import org.phonecontroller.protocols.ServerAssignment;

/**
 * A configured range as the reconciler and discovery need it: its addresses, its two PhoneManagers and the
 * protocols (built with the range's credentials) in the configured order; {@code requireRegistration}: where the
 * target PhoneManager has a registrar view, a phone is verified only once registered there.
 */
public record RangePlan(String name, List<IpRange> addresses, PhoneManagerRef primary, PhoneManagerRef fallback,
                        List<PhoneProtocol> protocols, boolean requireRegistration) {

    /** A range that requires registration where a view exists (the default). */
    public RangePlan(String name, List<IpRange> addresses, PhoneManagerRef primary, PhoneManagerRef fallback,
                     List<PhoneProtocol> protocols) {
        this(name, addresses, primary, fallback, protocols, true);
    }

    public RangePlan {
        Objects.requireNonNull(name, "name");
        addresses = List.copyOf(addresses);
        Objects.requireNonNull(primary, "primary");
        Objects.requireNonNull(fallback, "fallback");
        protocols = List.copyOf(protocols);
    }

    public PhoneManagerRef phoneManager(Target target) {
        return target == Target.PRIMARY ? primary : fallback;
    }

    /** What a phone gets for {@code target}: that PhoneManager first, the other second (phone-side redundancy). */
    public ServerAssignment assignmentFor(Target target) {
        return ServerAssignment.of(phoneManager(target).address(), phoneManager(target.other()).address());
    }

    /** The protocol called {@code name} in this range. */
    public Optional<PhoneProtocol> protocol(String name) {
        return protocols.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The protocols by name, in the configured order. */
    public Map<String, PhoneProtocol> protocolsByName() {
        Map<String, PhoneProtocol> byName = new LinkedHashMap<>();
        protocols.forEach(p -> byName.put(p.name(), p));
        return byName;
    }
}

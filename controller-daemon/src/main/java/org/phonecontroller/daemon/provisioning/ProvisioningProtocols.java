package org.phonecontroller.daemon.provisioning;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.phonecontroller.config.ControllerConfig;
import org.phonecontroller.config.RangeConfig;
import org.phonecontroller.config.RangeCredentials;
import org.phonecontroller.daemon.adapters.ProtocolFactory;
import org.phonecontroller.protocols.PhoneProtocol;

/**
 * A {@link ProtocolFactory} for one configuration: it builds {@code provisioning:<profile>} protocols from that
 * configuration's {@link Provisioning.Configured} (its ranges, PhoneManagers and credentials, served once its runtime
 * starts) and every other protocol with the factory it wraps, keeping the range's order.
 */
public final class ProvisioningProtocols implements ProtocolFactory {

    private final ProtocolFactory others;
    private final Optional<Provisioning.Configured> provisioning;

    /** @param provisioning empty when the provisioning server does not run */
    public ProvisioningProtocols(ProtocolFactory others, Optional<Provisioning.Configured> provisioning) {
        this.others = others;
        this.provisioning = provisioning;
    }

    @Override
    public List<PhoneProtocol> forRange(RangeConfig range, Optional<RangeCredentials> credentials,
                                        ControllerConfig config) {
        if (range.protocols().stream().noneMatch(p -> p.startsWith("provisioning:"))) {
            return others.forRange(range, credentials, config);
        }
        List<String> otherNames = range.protocols().stream().filter(p -> !p.startsWith("provisioning:")).toList();
        List<PhoneProtocol> built = otherNames.isEmpty() ? List.of() : others.forRange(new RangeConfig(range.name(),
                range.addresses(), range.primary(), range.fallback(), otherNames, range.credentials(),
                range.allowLarge(), range.requireRegistration()), credentials, config);
        // the wrapped factory builds one protocol per name, in order; provisioning ones go in between
        List<PhoneProtocol> out = new ArrayList<>();
        int next = 0;
        for (String name : range.protocols()) {
            if (name.startsWith("provisioning:")) {
                out.add(provisioning.flatMap(p -> p.protocol(range.name(), name)).orElseThrow(() ->
                        new IllegalArgumentException("range '" + range.name() + "' uses " + name
                                + " but the provisioning server is not running (it starts with the daemon: a"
                                + " provisioning: section added since takes effect at the next start)")));
            } else if (next < built.size()) {
                out.add(built.get(next++));
            }
        }
        return out;
    }

    @Override
    public int phoneHttpPort() {
        return others.phoneHttpPort();
    }

    @Override
    public org.phonecontroller.daemon.discovery.AddressSweep discoverySweep() {
        return others.discoverySweep();
    }

    @Override
    public void close() {
        others.close();
    }
}

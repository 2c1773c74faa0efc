package org.phonecontroller.protocols.provisioning;

import java.util.Objects;
import java.util.Optional;
import org.phonecontroller.protocols.ServerAddress;
import org.phonecontroller.protocols.Transport;

/**
 * A SIP server as written into a provisioning file.
 *
 * @param address   host and port
 * @param transport written where the profile has a transport key; empty leaves the file's transport as it is
 */
public record ProvisionedServer(ServerAddress address, Optional<Transport> transport) {
    public ProvisionedServer {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(transport, "transport");
    }

    public static ProvisionedServer of(ServerAddress address, Transport transport) {
        return new ProvisionedServer(address, Optional.of(transport));
    }

    /** Whether {@code host} (and {@code port}, when the file names one) are this server's. */
    boolean isNamedBy(String host, Optional<Integer> port) {
        return address.host().equalsIgnoreCase(host) && port.map(p -> p == address.port()).orElse(true);
    }
}

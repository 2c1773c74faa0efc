package org.phonecontroller.daemon.failover;

import java.util.Objects;
import org.phonecontroller.protocols.ServerAddress;

/**
 * A PhoneManager as phones are programmed with it.
 *
 * @param name    its name in the configuration
 * @param address the SIP server address pushed to phones
 */
public record PhoneManagerRef(String name, ServerAddress address) {
    public PhoneManagerRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
    }
}

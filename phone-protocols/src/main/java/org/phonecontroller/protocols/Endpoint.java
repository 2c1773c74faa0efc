package org.phonecontroller.protocols;

import java.util.Objects;

/**
 * A PhoneManager as a probe sees it.
 *
 * @param name      the PhoneManager's name from the configuration (for messages)
 * @param address   host and port
 * @param transport how SIP reaches it
 */
public record Endpoint(String name, ServerAddress address, Transport transport) {
    public Endpoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(transport, "transport");
    }
}

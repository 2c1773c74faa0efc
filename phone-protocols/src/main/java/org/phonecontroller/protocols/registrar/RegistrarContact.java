package org.phonecontroller.protocols.registrar;

import java.util.Objects;
import java.util.Optional;

/**
 * One live contact of a registrar's location table.
 *
 * @param aor       the address of record (Kamailio {@code AoR}, Asterisk {@code Endpoint}/{@code ObjectName})
 * @param address   the IP literal of the contact URI's host; empty when the host is a name
 * @param received  the IP literal the REGISTER came from (Kamailio {@code Received}, Asterisk {@code ViaAddr});
 *                  empty when not reported
 * @param userAgent the User-Agent of the REGISTER, as reported (may be empty)
 */
public record RegistrarContact(String aor, Optional<String> address, Optional<String> received, String userAgent) {
    public RegistrarContact {
        Objects.requireNonNull(aor, "aor");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(received, "received");
        Objects.requireNonNull(userAgent, "userAgent");
    }
}

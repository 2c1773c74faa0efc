package org.phonecontroller.config;

import java.util.Objects;
import java.util.Optional;

/** What the controller needs to talk to the phones of a range: SNMP and/or HTTP credentials. */
public record RangeCredentials(Optional<SnmpCredentials> snmp, Optional<HttpCredentials> http) {
    public RangeCredentials {
        Objects.requireNonNull(snmp, "snmp");
        Objects.requireNonNull(http, "http");
    }
}

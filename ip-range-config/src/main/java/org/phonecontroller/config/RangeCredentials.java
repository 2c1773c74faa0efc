package org.phonecontroller.config;

import java.util.Objects;
import java.util.Optional;

/**
 * What the controller needs to talk to the phones of a range: SNMP and/or HTTP credentials; or, under a key named by
 * a PhoneManager's {@code registrar: { kind: asterisk-ami, credentials: KEY }}, the AMI user.
 */
public record RangeCredentials(Optional<SnmpCredentials> snmp, Optional<HttpCredentials> http,
                               Optional<AmiCredentials> ami) {
    public RangeCredentials {
        Objects.requireNonNull(snmp, "snmp");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(ami, "ami");
    }

    /** Credentials for phones only. */
    public RangeCredentials(Optional<SnmpCredentials> snmp, Optional<HttpCredentials> http) {
        this(snmp, http, Optional.empty());
    }
}

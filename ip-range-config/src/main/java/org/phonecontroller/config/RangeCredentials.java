package org.phonecontroller.config;

import java.util.Objects;
import java.util.Optional;

/**
/**
 * One entry of the credentials file. A range's entry holds what the controller needs to talk to its phones (SNMP
 * and/or HTTP); under a key named by a PhoneManager's {@code registrar: { kind: asterisk-ami, credentials: KEY }},
 * the AMI user; a notify receiver's entry holds its secret: SNMP for traps, {@code smtp} for mail, {@code token} for
 * a webhook's bearer token. {@link #toString()} never shows a secret.
 */
public record RangeCredentials(Optional<SnmpCredentials> snmp, Optional<HttpCredentials> http,
                               Optional<AmiCredentials> ami, Optional<HttpCredentials> smtp, Optional<String> token) {
    public RangeCredentials {
        Objects.requireNonNull(snmp, "snmp");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(ami, "ami");
        Objects.requireNonNull(smtp, "smtp");
        Objects.requireNonNull(token, "token");
    }

    /** An entry for phones: SNMP and/or HTTP. */
    public RangeCredentials(Optional<SnmpCredentials> snmp, Optional<HttpCredentials> http) {
        this(snmp, http, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** An entry for phones and/or an Asterisk manager user. */
    public RangeCredentials(Optional<SnmpCredentials> snmp, Optional<HttpCredentials> http,
                            Optional<AmiCredentials> ami) {
        this(snmp, http, ami, Optional.empty(), Optional.empty());
    }

    /** An entry for a notify receiver (or phones). */
    public RangeCredentials(Optional<SnmpCredentials> snmp, Optional<HttpCredentials> http,
                            Optional<HttpCredentials> smtp, Optional<String> token) {
        this(snmp, http, Optional.empty(), smtp, token);
    }

    @Override
    public String toString() {
        return "RangeCredentials[snmp=" + snmp + ", http=" + http + ", ami=" + ami + ", smtp=" + smtp + ", token="
                + (token.isPresent() ? "***" : "none") + "]";
    }
}

package org.phonecontroller.config;

import java.util.Objects;

/** An Asterisk Manager Interface user (manager.conf) for a registrar view. {@link #toString()} hides the secret. */
public record AmiCredentials(String user, String secret) {
    public AmiCredentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "AmiCredentials[user=" + user + ", secret=***]";
    }
}

package org.phonecontroller.config;

import java.util.Objects;

/** User and password for a phone's web API. {@link #toString()} hides the password. */
public record HttpCredentials(String user, String password) {
    public HttpCredentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "HttpCredentials[user=" + user + ", password=***]";
    }
}

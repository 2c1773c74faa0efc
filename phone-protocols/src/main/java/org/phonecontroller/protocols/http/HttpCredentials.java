package org.phonecontroller.protocols.http;

import java.util.Objects;

/**
 * User and password for a phone's web API (HTTP Basic or Digest, Grandstream's login form). The daemon maps its
 * credentials file onto this record. {@code toString()} never shows the password.
 */
public record HttpCredentials(String user, String password) {

    public HttpCredentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "HttpCredentials(user=" + user + ", password=***)";
    }
}

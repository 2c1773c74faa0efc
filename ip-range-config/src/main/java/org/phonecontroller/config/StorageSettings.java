package org.phonecontroller.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The database. The password, if one is needed, lives in the credentials file ({@code storage: { password }}),
 * never here; see {@link Credentials#storagePassword()}.
 *
 * @param url  JDBC URL: {@code jdbc:h2:...} (default {@code jdbc:h2:file:./data/phonecontroller}, relative to
 *             the daemon's working directory) or {@code jdbc:postgresql://...}
 * @param user database user, if the URL does not name one
 */
public record StorageSettings(String url, Optional<String> user) {
    public static final StorageSettings DEFAULTS =
            new StorageSettings("jdbc:h2:file:./data/phonecontroller", Optional.empty());

    public StorageSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
    }

    /** True for a PostgreSQL URL, which cluster mode needs. */
    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }
}

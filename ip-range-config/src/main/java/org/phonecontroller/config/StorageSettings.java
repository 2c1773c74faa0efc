package org.phonecontroller.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The database. The password, if one is needed, lives in the credentials file ({@code storage: { password }}),
 * never here; see {@link Credentials#storagePassword()}.
 *
 * @param url  JDBC URL: {@code jdbc:h2:...} (default {@code jdbc:h2:file:./data/phonecontroller}, relative to
 *             the daemon's working directory) or {@code jdbc:postgresql://...}
 * @param user database user, if the URL does not name one
 * @param clusterCheckinInterval cluster mode (PostgreSQL): how often a node tells the others it is alive; a node
 *             silent for this interval plus 7.5 s is declared dead and its jobs are recovered by another node
 */
public record StorageSettings(String url, Optional<String> user, Duration clusterCheckinInterval) {
    /** Quartz's default check-in interval. */
    public static final Duration DEFAULT_CLUSTER_CHECKIN_INTERVAL = Duration.ofMillis(7500);
    public static final StorageSettings DEFAULTS =
            new StorageSettings("jdbc:h2:file:./data/phonecontroller", Optional.empty());

    public StorageSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(clusterCheckinInterval, "clusterCheckinInterval");
    }

    public StorageSettings(String url, Optional<String> user) {
        this(url, user, DEFAULT_CLUSTER_CHECKIN_INTERVAL);
    }

    /** True for a PostgreSQL URL, which cluster mode needs. */
    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }
}

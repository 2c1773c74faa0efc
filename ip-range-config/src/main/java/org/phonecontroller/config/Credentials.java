package org.phonecontroller.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The credentials file: a {@link RangeCredentials} per key (a range's {@code credentials:} value, or
 * {@code default}), plus the database password under the reserved key {@code storage}.
 * {@link #toString()} never shows a secret.
 *
 * @param byKey           credentials by key, in file order
 * @param storagePassword the database password, if the file has {@code storage: { password: ... }}
 */
public record Credentials(Map<String, RangeCredentials> byKey, Optional<String> storagePassword) {
    /** The key used when a range's own key is absent. */
    public static final String DEFAULT_KEY = "default";
    /** The key that holds the database password instead of range credentials. */
    public static final String STORAGE_KEY = "storage";

    public static final Credentials NONE = new Credentials(Map.of(), Optional.empty());

    public Credentials {
        byKey = Collections.unmodifiableMap(new LinkedHashMap<>(byKey));
        Objects.requireNonNull(storagePassword, "storagePassword");
    }

    /** The credentials stored under {@code key}, else those under {@code default}. */
    public Optional<RangeCredentials> forRange(String key) {
        RangeCredentials own = byKey.get(key);
        return own != null ? Optional.of(own) : Optional.ofNullable(byKey.get(DEFAULT_KEY));
    }

    @Override
    public String toString() {
        return "Credentials[byKey=" + byKey + ", storagePassword=" + (storagePassword.isPresent() ? "***" : "none")
                + "]";
    }
}

package org.phonecontroller.daemon.storage;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the inventory lives.
 *
 * @param url      a JDBC URL: {@code jdbc:h2:file:./data/phonecontroller} (one node) or {@code jdbc:postgresql://…}
 * @param schema   a schema to use instead of the connection's default one (created when missing); empty for none
 * @param poolSize the maximum number of pooled connections
 * @param user     the database user when the URL names none
 * @param password the password (from the credentials file); never shown by {@link #toString()}
 */
public record DatabaseSettings(String url, Optional<String> schema, int poolSize, Optional<String> user,
                               Optional<String> password) {

    public static final int DEFAULT_POOL_SIZE = 10;

    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        schema.ifPresent(name -> {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
                throw new IllegalArgumentException("schema name '" + name + "' is not a plain SQL identifier");
            }
        });
        if (poolSize < 2) {
            throw new IllegalArgumentException("storage pool size " + poolSize + " is below 2");
        }
    }

    public static DatabaseSettings of(String url) {
        return new DatabaseSettings(url, Optional.empty(), DEFAULT_POOL_SIZE, Optional.empty(), Optional.empty());
    }

    public DatabaseSettings withSchema(String name) {
        return new DatabaseSettings(url, Optional.of(name), poolSize, user, password);
    }

    public DatabaseSettings withLogin(Optional<String> user, Optional<String> password) {
        return new DatabaseSettings(url, schema, poolSize, user, password);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + Dialect.redact(url) + ", schema=" + schema + ", poolSize=" + poolSize
                + ", user=" + user + ", password=" + (password.isPresent() ? "***" : "none") + "]";
    }
}

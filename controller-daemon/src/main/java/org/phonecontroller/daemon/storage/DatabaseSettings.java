package org.phonecontroller.daemon.storage;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the inventory lives.
 *
 * @param url      a JDBC URL: {@code jdbc:h2:file:./data/phonecontroller} (one node) or {@code jdbc:postgresql://…}
 * @param schema   a schema to use instead of the connection's default one (created when missing); empty for none
 * @param poolSize the maximum number of pooled connections
 */
public record DatabaseSettings(String url, Optional<String> schema, int poolSize) {

    public static final int DEFAULT_POOL_SIZE = 10;

    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(schema, "schema");
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
        return new DatabaseSettings(url, Optional.empty(), DEFAULT_POOL_SIZE);
    }

    public DatabaseSettings withSchema(String name) {
        return new DatabaseSettings(url, Optional.of(name), poolSize);
    }
}

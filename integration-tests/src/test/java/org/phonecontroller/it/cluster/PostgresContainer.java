package org.phonecontroller.it.cluster;

import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/** A PostgreSQL in a container for the whole test JVM, when a Docker engine answers (Testcontainers' Ryuk removes it). */
final class PostgresContainer {

    private static Optional<String> url;

    private PostgresContainer() {
    }

    /** The container's JDBC URL (user in the URL, trust authentication); empty without a Docker engine. */
    static synchronized Optional<String> url() {
        if (url == null) {
            url = start();
        }
        return url;
    }

    private static Optional<String> start() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return Optional.empty();
        }
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:16-alpine")
                .withEnv("POSTGRES_HOST_AUTH_METHOD", "trust");
        container.start();
        String jdbc = container.getJdbcUrl();
        return Optional.of(jdbc + (jdbc.contains("?") ? "&" : "?") + "user=" + container.getUsername());
    }
}

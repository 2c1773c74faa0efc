package org.phonecontroller.daemon.storage;

import java.util.Locale;

/** The databases the inventory supports; everything else about them is the same SQL. */
public enum Dialect {
    H2("h2", "org.quartz.impl.jdbcjobstore.StdJDBCDelegate"),
    POSTGRESQL("postgresql", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");

    private final String migrations;
    private final String quartzDelegate;

    Dialect(String migrations, String quartzDelegate) {
        this.migrations = migrations;
        this.quartzDelegate = quartzDelegate;
    }

    /** Recognises the database from its JDBC URL. */
    public static Dialect of(String jdbcUrl) {
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("storage url '" + redact(jdbcUrl)
                + "' names neither H2 (jdbc:h2:…) nor PostgreSQL (jdbc:postgresql:…)");
    }

    /** The folder under {@code db/migration} holding this dialect's own scripts (Quartz tables). */
    String migrationFolder() {
        return migrations;
    }

    /** Quartz's driver delegate for this database. */
    public String quartzDelegate() {
        return quartzDelegate;
    }

    /** A JDBC URL with any password parameter masked, for messages. */
    public static String redact(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}

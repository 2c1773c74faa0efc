package org.phonecontroller.daemon.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.DriverManager;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inventory database: a HikariCP pool whose schema Flyway has brought up to date (inventory tables and Quartz's
 * tables). One instance per daemon; {@link #close()} releases the pool and, for H2, the file lock.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    /** H2's "Database may be already in use" error code. */
    private static final int H2_FILE_LOCKED = 90020;

    private final HikariDataSource dataSource;
    private final Dialect dialect;
    private final GroupCommit group;
    private final Jdbc jdbc;

    private Database(HikariDataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.group = new GroupCommit(dataSource, "inventory-writer");
        this.jdbc = new Jdbc(dataSource, group);
    }

    /**
     * Opens the pool and migrates the schema.
     *
     * @throws StorageLockedException when another process holds the H2 file
     * @throws StorageException       when the database cannot be reached or migrated
     */
    public static Database open(DatabaseSettings settings) {
        Dialect dialect = Dialect.of(settings.url());
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(dialect == Dialect.H2 ? h2Url(settings.url()) : settings.url());
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(1);
        config.setPoolName("inventory");
        config.setInitializationFailTimeout(1);
        settings.user().ifPresent(config::setUsername);
        settings.password().ifPresent(config::setPassword);
        settings.schema().ifPresent(schema -> {
            createSchema(settings, schema);
            config.setSchema(schema);
        });
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            throw translateOpenFailure(settings, e);
        }
        try {
            migrate(dataSource, dialect, settings);
        } catch (FlywayException e) {
            dataSource.close();
            throw new StorageException("cannot migrate the inventory schema at "
                    + Dialect.redact(settings.url()) + ": " + e.getMessage(), e);
        }
        log.info("Inventory database {} ready ({})", Dialect.redact(settings.url()), dialect);
        return new Database(dataSource, dialect);
    }

    /**
     * H2 closes its databases from its own shutdown hook, which would cut the daemon's last writes on SIGTERM: the
     * daemon closes the pool itself. And a commit is written at once ({@code WRITE_DELAY=0}), so a kill -9 loses no
     * committed progress. Options the URL already sets win.
     */
    static String h2Url(String url) {
        String upper = url.toUpperCase(java.util.Locale.ROOT);
        String result = url;
        // Quartz interrupts its own threads when it stops; an interrupt during H2's file I/O closes a FileChannel and
        // with it the whole database. H2's "async:" file system (AsynchronousFileChannel) is not interruptible.
        if (upper.startsWith("JDBC:H2:FILE:")) {
            result = "jdbc:h2:async:" + url.substring("jdbc:h2:file:".length());
        } else if (!upper.startsWith("JDBC:H2:MEM:") && !upper.startsWith("JDBC:H2:TCP:")
                && !upper.startsWith("JDBC:H2:SSL:") && !upper.startsWith("JDBC:H2:ASYNC:")
                && !upper.startsWith("JDBC:H2:NIO")) {
            result = "jdbc:h2:async:" + url.substring("jdbc:h2:".length());
        }
        if (!upper.contains(";DB_CLOSE_ON_EXIT=")) {
            result += ";DB_CLOSE_ON_EXIT=FALSE";
        }
        if (!upper.contains(";WRITE_DELAY=") && !upper.startsWith("JDBC:H2:MEM:")) {
            result += ";WRITE_DELAY=0";
        }
        return result;
    }

    private static void createSchema(DatabaseSettings settings, String schema) {
        try (var connection = DriverManager.getConnection(settings.url(), settings.user().orElse(null),
                settings.password().orElse(null));
             var statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        } catch (SQLException e) {
            throw translateOpenFailure(settings, e);
        }
    }

    /**
     * The schema versions this build's migrations bring, per dialect ({@code DatabaseTest} keeps them equal to the
     * files in {@code db/migration}).
     */
    static final java.util.Map<Dialect, java.util.Set<String>> SHIPPED_VERSIONS = java.util.Map.of(
            Dialect.H2, java.util.Set.of("1", "2", "20", "25", "27"),
            Dialect.POSTGRESQL, java.util.Set.of("1", "2", "20", "25", "26", "27"));

    /**
     * Whether Flyway's history lists exactly the versions this build brings, each applied successfully: a restart of
     * the same version. Then Flyway is not run: its start-up (class loading, scanning the class path for migrations,
     * validating them) was a quarter of the daemon's time from start to first probe (issue #17). Anything else — no
     * history yet (a first start), a failed migration, a version missing or unknown to this build (a newer one ran on
     * this inventory) — is Flyway's to migrate or to refuse, as before.
     */
    static boolean schemaIsCurrent(DataSource dataSource, Dialect dialect) {
        try (var connection = dataSource.getConnection();
             var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT \"version\", \"success\" FROM \"flyway_schema_history\"")) {
            java.util.Set<String> applied = new java.util.HashSet<>();
            while (rows.next()) {
                if (!rows.getBoolean(2)) {
                    return false;
                }
                if (rows.getString(1) != null) { // Flyway's own rows (schema creation) have no version
                    applied.add(rows.getString(1));
                }
            }
            return applied.equals(SHIPPED_VERSIONS.get(dialect));
        } catch (SQLException e) {
            return false; // no history table yet, or unreadable: Flyway decides
        }
    }

    private static void migrate(DataSource dataSource, Dialect dialect, DatabaseSettings settings) {
        if (schemaIsCurrent(dataSource, dialect)) {
            log.debug("Inventory schema current (versions {}): no migration", SHIPPED_VERSIONS.get(dialect));
            return;
        }
        var flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + dialect.migrationFolder())
                .loggers("slf4j");
        settings.schema().ifPresent(schema -> flyway.schemas(schema).defaultSchema(schema).createSchemas(true));
        flyway.load().migrate();
    }

    private static StorageException translateOpenFailure(DatabaseSettings settings, Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == H2_FILE_LOCKED) {
                return new StorageLockedException("the inventory " + Dialect.redact(settings.url())
                        + " is already in use by another process (is another phonectl daemon running on the same"
                        + " data directory?)", e);
            }
        }
        Throwable root = e.getCause() != null ? e.getCause() : e;
        return new StorageException("cannot open the inventory " + Dialect.redact(settings.url()) + ": "
                + root.getMessage(), e);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Dialect dialect() {
        return dialect;
    }

    public Jdbc jdbc() {
        return jdbc;
    }

    @Override
    public void close() {
        group.close();
        dataSource.close();
    }
}

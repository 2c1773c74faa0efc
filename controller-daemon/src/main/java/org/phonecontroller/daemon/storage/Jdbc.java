package org.phonecontroller.daemon.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Plain JDBC with the few conveniences the repositories need: parameter binding ({@link Instant} as UTC
 * {@code TIMESTAMP WITH TIME ZONE}, enums by name, {@code null}), row mapping, and errors that name the statement.
 * Each call runs in its own auto-committed transaction unless run inside {@link #inTransaction}.
 */
public final class Jdbc {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Jdbc.class);

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** Work that runs on one connection inside one transaction. */
    @FunctionalInterface
    public interface TransactionWork<T> {
        T run(Jdbc transactional) throws SQLException;
    }

    private final DataSource dataSource;
    private final Connection bound;
    private final GroupCommit group;

    public Jdbc(DataSource dataSource) {
        this(dataSource, null);
    }

    /** @param group where {@link #updateInGroup} writes go, or null to run each on its own */
    public Jdbc(DataSource dataSource, GroupCommit group) {
        this.dataSource = dataSource;
        this.bound = null;
        this.group = group;
    }

    private Jdbc(Connection bound) {
        this.dataSource = null;
        this.bound = bound;
        this.group = null;
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the number of rows changed. */
    public int update(String sql, Object... params) {
        return withConnection(sql, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, params);
                return statement.executeUpdate();
            }
        });
    }

    /**
     * Runs one INSERT, UPDATE or DELETE once per parameter set, as one JDBC batch; returns the rows changed in all.
     * Inside {@link #inTransaction} it belongs to that transaction, otherwise each call is one transaction.
     */
    public int updateEach(String sql, List<Object[]> paramSets) {
        if (paramSets.isEmpty()) {
            return 0;
        }
        return withConnection(sql, connection -> {
            boolean own = bound == null && connection.getAutoCommit();
            if (own) {
                connection.setAutoCommit(false);
            }
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (Object[] params : paramSets) {
                    bind(statement, params);
                    statement.addBatch();
                }
                int changed = 0;
                for (int count : statement.executeBatch()) {
                    changed += Math.max(0, count);
                }
                if (own) {
                    connection.commit();
                }
                return changed;
            } catch (SQLException | RuntimeException e) {
                if (own) {
                    connection.rollback();
                }
                throw e;
            } finally {
                if (own) {
                    connection.setAutoCommit(true);
                }
            }
        });
    }

    /**
     * Like {@link #update}, but committed together with the other writes that arrive meanwhile (see
     * {@link GroupCommit}): for frequent single-row writes that must be durable before the caller goes on. Inside
     * {@link #inTransaction}, or without a group, it is a plain {@link #update}.
     */
    public int updateInGroup(String sql, Object... params) {
        return group == null ? update(sql, params) : group.update(sql, params);
    }

    /**
     * Queues a write for the next group commit without waiting for it (runs it at once when there is no group);
     * the future tells when it is committed or why it failed.
     */
    public java.util.concurrent.CompletableFuture<Integer> submitInGroup(String sql, Object... params) {
        if (group == null) {
            try {
                return java.util.concurrent.CompletableFuture.completedFuture(update(sql, params));
            } catch (RuntimeException e) {
                return java.util.concurrent.CompletableFuture.failedFuture(e);
            }
        }
        return group.submit(sql, params);
    }

    /**
     * Queues a write for the next group commit that nobody waits for (an event row, what a provisioning fetch
     * taught): a failure is logged as a warning that starts with what {@code what} says ("Cannot store event X"),
     * built only then.
     */
    public void queueInGroup(java.util.function.Supplier<String> what, String sql, Object... params) {
        submitInGroup(sql, params).whenComplete((rows, failure) -> {
            if (failure != null) {
                log.warn("{}: {}", what.get(), failure.getMessage());
            }
        });
    }

    /** Returns once the writes submitted before are committed (at once when there is no group). */
    public void awaitSubmitted() {
        if (group != null) {
            group.awaitQueued();
        }
    }

    /** Runs a query and maps every row. */
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        return withConnection(sql, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, params);
                try (ResultSet rows = statement.executeQuery()) {
                    List<T> result = new ArrayList<>();
                    while (rows.next()) {
                        result.add(mapper.map(rows));
                    }
                    return result;
                }
            }
        });
    }

    /** Runs a query expected to return at most one row. */
    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = query(sql, mapper, params);
        if (rows.size() > 1) {
            throw new StorageException("expected at most one row, got " + rows.size() + ": " + sql);
        }
        return rows.stream().findFirst();
    }

    /** Runs {@code work} on one connection in one transaction: committed when it returns, rolled back if it throws. */
    public <T> T inTransaction(TransactionWork<T> work) {
        if (bound != null) {
            try {
                return work.run(this);
            } catch (SQLException e) {
                throw new StorageException("transaction failed: " + e.getMessage(), e);
            }
        }
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(new Jdbc(connection));
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StorageException("transaction failed: " + e.getMessage(), e);
        }
    }

    /** Reads a nullable timestamp column as an {@link Instant}. */
    public static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** Whether a failure is a unique-key violation (SQLState 23505 on both H2 and PostgreSQL). */
    public static boolean isDuplicateKey(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    @FunctionalInterface
    private interface ConnectionWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T withConnection(String sql, ConnectionWork<T> work) {
        try {
            if (bound != null) {
                return work.run(bound);
            }
            try (Connection connection = dataSource.getConnection()) {
                return work.run(connection);
            }
        } catch (SQLException e) {
            throw new StorageException("database statement failed (" + summary(sql) + "): " + e.getMessage(), e);
        }
    }

    static String summary(String sql) {
        if (sql == null) {
            return "(a wait for the queued writes)";
        }
        String flat = sql.replaceAll("\\s+", " ").trim();
        return flat.length() <= 80 ? flat : flat.substring(0, 80) + "…";
    }

    static void bind(PreparedStatement statement, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object value = params[i];
            int index = i + 1;
            switch (value) {
                case null -> statement.setNull(index, Types.NULL);
                case Instant instant -> statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
                case Enum<?> constant -> statement.setString(index, constant.name());
                case String text -> statement.setString(index, text);
                case Integer number -> statement.setInt(index, number);
                case Long number -> statement.setLong(index, number);
                case Boolean flag -> statement.setBoolean(index, flag);
                default -> throw new IllegalArgumentException("cannot bind " + value.getClass().getName());
            }
        }
    }
}

package org.phonecontroller.daemon.events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.phonecontroller.daemon.storage.Jdbc;

/** The events table: every event with a growing id, for {@code phonectl events [--since] [--follow]}. */
public final class EventStore {

    /** An event with its id in the table. */
    public record Stored(long id, Event event) {
    }

    private final Jdbc jdbc;

    public EventStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Queues the event's row for the inventory's next group commit without waiting for it: during a failover that
     * is one row per phone, and a phone's progress must not wait for its event's commit too. The reads below see
     * every row appended before them.
     */
    public void append(Event event) {
        jdbc.queueInGroup(() -> "Cannot store event " + event.kind() + " in the database (it is in events.jsonl)",
                "INSERT INTO events (ts, kind, range_name, phone, phone_manager, detail) VALUES (?, ?, ?, ?, ?, ?)",
                event.ts(), event.kind(), event.range(), event.phone(), event.phoneManager(), event.detail());
    }

    /** Events at or after {@code since}, oldest first, at most {@code limit}. */
    public List<Stored> since(Instant since, int limit) {
        jdbc.awaitSubmitted();
        return jdbc.query("SELECT id, ts, kind, range_name, phone, phone_manager, detail FROM events WHERE ts >= ?"
                + " ORDER BY id FETCH FIRST " + limit + " ROWS ONLY", EventStore::map, since);
    }

    /** Events with an id above {@code id}, oldest first, at most {@code limit} (for following). */
    public List<Stored> after(long id, int limit) {
        jdbc.awaitSubmitted();
        return jdbc.query("SELECT id, ts, kind, range_name, phone, phone_manager, detail FROM events WHERE id > ?"
                + " ORDER BY id FETCH FIRST " + limit + " ROWS ONLY", EventStore::map, id);
    }

    /** Events at or after {@code since}, with an id above {@code afterId}, of the given kinds (all when empty). */
    public List<Stored> query(Instant since, long afterId, java.util.Set<String> kinds, int limit) {
        jdbc.awaitSubmitted();
        var params = new java.util.ArrayList<Object>(List.of(since, afterId));
        String kindFilter = "";
        if (!kinds.isEmpty()) {
            kindFilter = " AND kind IN (" + String.join(", ", java.util.Collections.nCopies(kinds.size(), "?")) + ")";
            params.addAll(kinds);
        }
        return jdbc.query("SELECT id, ts, kind, range_name, phone, phone_manager, detail FROM events WHERE ts >= ?"
                + " AND id > ?" + kindFilter + " ORDER BY id FETCH FIRST " + Math.max(0, limit) + " ROWS ONLY",
                EventStore::map, params.toArray());
    }

    private static Stored map(ResultSet row) throws SQLException {
        return new Stored(row.getLong("id"), new Event(Jdbc.instant(row, "ts"),
                EventKind.valueOf(row.getString("kind")), row.getString("range_name"), row.getString("phone"),
                row.getString("phone_manager"), row.getString("detail")));
    }
}

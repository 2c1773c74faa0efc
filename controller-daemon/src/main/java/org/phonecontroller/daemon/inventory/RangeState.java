package org.phonecontroller.daemon.inventory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.phonecontroller.daemon.storage.Jdbc;
import org.phonecontroller.daemon.storage.StorageException;

/** The ranges table: each range's desired target, the single source of truth that failover and failback flip. */
public final class RangeState {

    private final Jdbc jdbc;

    public RangeState(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Makes sure a configured range has a row; a new range starts on its PRIMARY. */
    public RangeTarget ensure(String range, Instant now) {
        Optional<RangeTarget> existing = find(range);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            jdbc.update("INSERT INTO ranges (name, desired_target, reason, planned, changed_at) VALUES (?, ?, ?, ?, ?)",
                    range, Target.PRIMARY, "configured", false, now);
        } catch (StorageException e) {
            if (!Jdbc.isDuplicateKey(e)) {
                throw e;
            }
        }
        return find(range).orElseThrow();
    }

    public Optional<RangeTarget> find(String range) {
        return jdbc.queryOne("SELECT name, desired_target, reason, planned, changed_at FROM ranges WHERE name = ?",
                RangeState::map, range);
    }

    public List<RangeTarget> all() {
        return jdbc.query("SELECT name, desired_target, reason, planned, changed_at FROM ranges ORDER BY name",
                RangeState::map);
    }

    /**
     * Sets the desired target when it differs (atomically, so of two racing writers only one flips).
     *
     * @return true when this call changed it
     */
    public boolean flip(String range, Target to, String reason, Instant now) {
        return flip(range, to, reason, false, now);
    }

    /** As {@link #flip(String, Target, String, Instant)}, marking a planned failover. */
    public boolean flip(String range, Target to, String reason, boolean planned, Instant now) {
        return jdbc.update("UPDATE ranges SET desired_target = ?, reason = ?, planned = ?, changed_at = ?"
                + " WHERE name = ? AND desired_target <> ?", to, reason, planned, now, range, to) == 1;
    }

    private static RangeTarget map(ResultSet row) throws SQLException {
        return new RangeTarget(row.getString("name"), Target.valueOf(row.getString("desired_target")),
                row.getString("reason"), row.getBoolean("planned"), Jdbc.instant(row, "changed_at"));
    }
}

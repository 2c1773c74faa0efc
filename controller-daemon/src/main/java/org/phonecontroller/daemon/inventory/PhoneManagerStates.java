package org.phonecontroller.daemon.inventory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.phonecontroller.daemon.health.HealthState;
import org.phonecontroller.daemon.storage.Jdbc;
import org.phonecontroller.daemon.storage.StorageException;

/** The phone_managers table: each PhoneManager's last judged health, for the CLI and for automatic failback. */
public final class PhoneManagerStates {

    private final Jdbc jdbc;

    public PhoneManagerStates(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public void save(PhoneManagerState state) {
        int updated = jdbc.update("UPDATE phone_managers SET health = ?, since = ? WHERE name = ?",
                state.health(), state.since(), state.name());
        if (updated > 0) {
            return;
        }
        try {
            jdbc.update("INSERT INTO phone_managers (name, health, since) VALUES (?, ?, ?)",
                    state.name(), state.health(), state.since());
        } catch (StorageException e) {
            if (!Jdbc.isDuplicateKey(e)) {
                throw e;
            }
            jdbc.update("UPDATE phone_managers SET health = ?, since = ? WHERE name = ?",
                    state.health(), state.since(), state.name());
        }
    }

    public Optional<PhoneManagerState> find(String name) {
        return jdbc.queryOne("SELECT name, health, since FROM phone_managers WHERE name = ?",
                PhoneManagerStates::map, name);
    }

    public List<PhoneManagerState> all() {
        return jdbc.query("SELECT name, health, since FROM phone_managers ORDER BY name", PhoneManagerStates::map);
    }

    private static PhoneManagerState map(ResultSet row) throws SQLException {
        return new PhoneManagerState(row.getString("name"), HealthState.valueOf(row.getString("health")),
                Jdbc.instant(row, "since"));
    }
}

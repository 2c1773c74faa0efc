package org.phonecontroller.daemon.inventory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.phonecontroller.daemon.storage.Jdbc;
import org.phonecontroller.daemon.storage.StorageException;
import org.phonecontroller.protocols.PhoneIdentity;
import org.phonecontroller.protocols.ServerAssignment;

/**
 * The phones table: what discovery found, and per-phone progress of the reconciler. Every progress write is
 * conditional on the desired servers it was made for, so a worker that lost a race with a flip of the range's
 * target never overwrites the newer progress.
 */
public final class PhoneInventory {

    private static final String COLUMNS = "address, range_name, mac, vendor, model, firmware, protocol,"
            + " observed_servers, presence, missed_scans, last_seen, desired_servers, push_state, attempts,"
            + " last_error, deferred_since, progress_at";

    private final Jdbc jdbc;

    public PhoneInventory(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a phone found by scan {@code scanId}: identity and observed servers are refreshed, it is PRESENT again
     * and its missed-scan count restarts; a new phone is inserted with no progress.
     */
    public void upsertDiscovered(String range, PhoneIdentity phone, Optional<ServerAssignment> observed, long scanId,
                                 Instant now) {
        String observedText = observed.map(Servers::format).orElse("");
        String address = phone.address().getHostAddress();
        String update = "UPDATE phones SET range_name = ?, mac = ?, vendor = ?, model = ?, firmware = ?,"
                + " protocol = ?, observed_servers = ?, presence = 'PRESENT', missed_scans = 0, last_scan = ?,"
                + " last_seen = ? WHERE address = ?";
        Object[] updateParams = {range, phone.mac(), phone.vendor(), phone.model(), phone.firmware(),
                phone.protocol(), observedText, scanId, now, address};
        if (jdbc.updateInGroup(update, updateParams) > 0) {
            return;
        }
        try {
            jdbc.updateInGroup("INSERT INTO phones (address, range_name, mac, vendor, model, firmware, protocol,"
                            + " observed_servers, presence, missed_scans, last_scan, first_seen, last_seen,"
                            + " push_state, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PRESENT', 0, ?, ?, ?, 'NONE', 0)",
                    address, range, phone.mac(), phone.vendor(), phone.model(), phone.firmware(), phone.protocol(),
                    observedText, scanId, now, now);
        } catch (StorageException e) {
            if (!Jdbc.isDuplicateKey(e)) {
                throw e;
            }
            jdbc.updateInGroup(update, updateParams); // another writer inserted it first
        }
    }

    /**
     * What a provisioning fetch told about a known phone (issue #14): its MAC, model and firmware, where the fetch
     * said them. A phone not in the inventory yet is left to discovery.
     */
    public void learnFromFetch(InetAddress address, String mac, String model, String firmware) {
        if (mac.isEmpty() && model.isEmpty() && firmware.isEmpty()) {
            return;
        }
        // queued, not waited for: the provisioning server answers the phone without waiting for this commit (a
        // boot storm of 1,000 fetches made every answer wait for the inventory writer, and phones timed out)
        jdbc.queueInGroup(() -> "Could not record what phone " + address.getHostAddress()
                        + "'s fetch told (MAC, model, firmware)",
                "UPDATE phones SET mac = CASE WHEN ? = '' THEN mac ELSE ? END,"
                        + " model = CASE WHEN ? = '' THEN model ELSE ? END,"
                        + " firmware = CASE WHEN ? = '' THEN firmware ELSE ? END WHERE address = ?",
                mac, mac, model, model, firmware, firmware, address.getHostAddress());
    }

    /**
     * Ends scan {@code scanId} of a range: phones of the range it did not find get one more missed scan, and those
     * that reached {@code goneAfterMissedScans} become GONE.
     *
     * @return the phones newly marked GONE
     */
    public List<String> finishScan(String range, long scanId, int goneAfterMissedScans) {
        return jdbc.inTransaction(tx -> {
            tx.update("UPDATE phones SET missed_scans = missed_scans + 1 WHERE range_name = ? AND last_scan <> ?",
                    range, scanId);
            List<String> gone = tx.query("SELECT address FROM phones WHERE range_name = ? AND presence = 'PRESENT'"
                    + " AND missed_scans >= ?", row -> row.getString(1), range, goneAfterMissedScans);
            tx.update("UPDATE phones SET presence = 'GONE' WHERE range_name = ? AND presence = 'PRESENT'"
                    + " AND missed_scans >= ?", range, goneAfterMissedScans);
            return gone;
        });
    }

    public Optional<Phone> find(InetAddress address) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM phones WHERE address = ?", PhoneInventory::map,
                address.getHostAddress());
    }

    /** Every phone of a range, present or gone, by address. */
    public List<Phone> ofRange(String range) {
        return jdbc.query("SELECT " + COLUMNS + " FROM phones WHERE range_name = ? ORDER BY address",
                PhoneInventory::map, range);
    }

    /** Every phone, by range and address. */
    public List<Phone> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM phones ORDER BY range_name, address", PhoneInventory::map);
    }

    /**
     * Points every present phone of the range whose desired servers differ from {@code desired} at it, with fresh
     * progress (PENDING, no attempts). Phones already aiming at {@code desired} keep their progress, so a phone
     * verified before a crash stays verified.
     *
     * @return how many phones were re-aimed
     */
    public int aimRangeAt(String range, ServerAssignment desired, Instant now) {
        String text = Servers.format(desired);
        // The phones to aim are read once, then aimed by address in batches of AIM_SLICE, each its own transaction.
        // One UPDATE over a range of thousands of phones (and later slices selected by a subquery) cost H2 seconds
        // of CPU per range before the first push of a failover (issue #17: four ranges of a 10,000-phone failover
        // were aimed one after the other over 18 s); by address each row is one primary-key lookup. The conditions
        // stay on every row, so a phone gone or aimed meanwhile is left alone. A crash between batches leaves the
        // rest aimed elsewhere, and the next run aims them.
        List<String> addresses = jdbc.query("SELECT address FROM phones WHERE range_name = ? AND presence = 'PRESENT'"
                + " AND (desired_servers IS NULL OR desired_servers <> ?)", row -> row.getString(1), range, text);
        int aimed = 0;
        for (int from = 0; from < addresses.size(); from += AIM_SLICE) {
            List<Object[]> rows = new java.util.ArrayList<>();
            for (String address : addresses.subList(from, Math.min(addresses.size(), from + AIM_SLICE))) {
                rows.add(new Object[] {text, now, address, range, text});
            }
            aimed += jdbc.updateEach("UPDATE phones SET desired_servers = ?, push_state = 'PENDING', attempts = 0,"
                    + " last_error = NULL, deferred_since = NULL, progress_at = ? WHERE address = ?"
                    + " AND range_name = ? AND presence = 'PRESENT'"
                    + " AND (desired_servers IS NULL OR desired_servers <> ?)", rows);
        }
        return aimed;
    }

    /** How many phones one transaction of {@link #aimRangeAt} aims. */
    static final int AIM_SLICE = 250;

    /** Sets FAILED phones aiming at {@code desired} back to PENDING with fresh attempts, for a new run. */
    public int retryFailed(String range, ServerAssignment desired, Instant now) {
        return jdbc.update("UPDATE phones SET push_state = 'PENDING', attempts = 0, progress_at = ?"
                        + " WHERE range_name = ? AND presence = 'PRESENT' AND push_state = 'FAILED'"
                        + " AND desired_servers = ?", now, range, Servers.format(desired));
    }

    /**
     * Whether the range has work for the reconciler towards {@code desired}: phones aimed elsewhere or unfinished, a
     * failed phone last tried before {@code retryFailedBefore}, or — when {@code aimNew} — present phones never aimed
     * at anything (found by a scan while the range is failed over).
     */
    public boolean needsWork(String range, ServerAssignment desired, Instant retryFailedBefore, boolean aimNew) {
        return needsWork(range, desired, retryFailedBefore, aimNew, Instant.MAX);
    }

    /**
     * As {@link #needsWork(String, ServerAssignment, Instant, boolean)}, and also APPLIED phones applied after
     * {@code appliedAfter}: still within their registration deadline (after a restart, a run watches them again).
     */
    public boolean needsWork(String range, ServerAssignment desired, Instant retryFailedBefore, boolean aimNew,
                             Instant appliedAfter) {
        String text = Servers.format(desired);
        return jdbc.queryOne("SELECT COUNT(*) FROM phones WHERE range_name = ? AND presence = 'PRESENT' AND ("
                        + " (desired_servers IS NOT NULL AND desired_servers <> ?)"
                        + " OR (desired_servers = ? AND push_state IN ('PENDING', 'PUSHING', 'DEFERRED'))"
                        + " OR (desired_servers = ? AND push_state = 'FAILED' AND progress_at < ?)"
                        + " OR (desired_servers = ? AND push_state = 'APPLIED' AND progress_at > ?)"
                        + " OR (desired_servers IS NULL AND ?))",
                row -> row.getLong(1), range, text, text, text, retryFailedBefore, text,
                appliedAfter.isAfter(Instant.parse("9999-01-01T00:00:00Z")) ? Instant.parse("9999-01-01T00:00:00Z")
                        : appliedAfter, aimNew).orElse(0L) > 0;
    }

    /** The present phones of a range still on their way to {@code desired} (anything but VERIFIED or FAILED). */
    public List<Phone> unfinished(String range, ServerAssignment desired) {
        return jdbc.query("SELECT " + COLUMNS + " FROM phones WHERE range_name = ? AND presence = 'PRESENT'"
                        + " AND desired_servers = ? AND push_state IN ('PENDING', 'PUSHING', 'DEFERRED')"
                        + " ORDER BY address", PhoneInventory::map, range, Servers.format(desired));
    }

    /**
     * Claims a phone still on its way to {@code desired} for node {@code node} until {@code until}: true when no other
     * live node holds it. A claim of a node that is no longer in Quartz's cluster table (dead, recovered) or whose
     * lease ended is taken over.
     */
    public boolean claim(Phone phone, ServerAssignment desired, String node, Instant until, Instant now) {
        return jdbc.updateInGroup("UPDATE phones SET claimed_by = ?, claimed_until = ? WHERE address = ?"
                        + " AND desired_servers = ? AND push_state IN ('PENDING', 'PUSHING', 'DEFERRED')"
                        + " AND (claimed_by IS NULL OR claimed_by = ? OR claimed_until < ?"
                        + " OR claimed_by NOT IN (SELECT instance_name FROM qrtz_scheduler_state))",
                node, until, phone.address(), Servers.format(desired), node, now) == 1;
    }

    /** Ends {@code node}'s claim of a phone. */
    public void release(Phone phone, String node) {
        jdbc.updateInGroup("UPDATE phones SET claimed_by = NULL, claimed_until = NULL"
                + " WHERE address = ? AND claimed_by = ?", phone.address(), node);
    }

    /** Written BEFORE a push: attempt {@code attempt} may reach the phone from now on. */
    public boolean recordPushing(Phone phone, ServerAssignment desired, int attempt, Instant now) {
        return progress(phone, desired, "push_state = 'PUSHING', attempts = ?, progress_at = ?", attempt, now);
    }

    /** Written AFTER a read-back showed {@code desired}. */
    public boolean recordVerified(Phone phone, ServerAssignment desired, Instant now) {
        return progress(phone, desired, "push_state = 'VERIFIED', observed_servers = ?, last_error = NULL,"
                + " progress_at = ?", Servers.format(desired), now);
    }

    /**
     * Written AFTER a read-back showed {@code desired} while the target's registrar view does not list the phone
     * yet: APPLIED, and {@code progress_at} starts its registration deadline (kept when it was APPLIED already).
     */
    public boolean recordApplied(Phone phone, ServerAssignment desired, Instant now) {
        return progress(phone, desired, "observed_servers = ?, last_error = NULL, progress_at = CASE WHEN"
                + " push_state = 'APPLIED' THEN progress_at ELSE ? END, push_state = 'APPLIED'",
                Servers.format(desired), now);
    }

    /** The present phones of a range that are APPLIED towards {@code desired}: waiting to register at the target. */
    public List<Phone> applied(String range, ServerAssignment desired) {
        return jdbc.query("SELECT " + COLUMNS + " FROM phones WHERE range_name = ? AND presence = 'PRESENT'"
                        + " AND desired_servers = ? AND push_state = 'APPLIED' ORDER BY address",
                PhoneInventory::map, range, Servers.format(desired));
    }

    /** Written when the phone was in a call; {@code deferredSince} is kept from the first deferral. */
    public boolean recordDeferred(Phone phone, ServerAssignment desired, Instant deferredSince, String reason,
                                  Instant now) {
        return progress(phone, desired, "push_state = 'DEFERRED', deferred_since = ?, last_error = ?,"
                + " progress_at = ?", deferredSince, truncate(reason), now);
    }

    /** Written when retries ran out. */
    public boolean recordFailed(Phone phone, ServerAssignment desired, int attempts, String reason, Instant now) {
        return progress(phone, desired, "push_state = 'FAILED', attempts = ?, last_error = ?, progress_at = ?",
                attempts, truncate(reason), now);
    }

    /** How many present phones of the range aiming at {@code desired} are in each state. */
    public Map<PushState, Integer> progressCounts(String range, ServerAssignment desired) {
        Map<PushState, Integer> counts = new EnumMap<>(PushState.class);
        jdbc.query("SELECT push_state, COUNT(*) FROM phones WHERE range_name = ? AND presence = 'PRESENT'"
                        + " AND desired_servers = ? GROUP BY push_state",
                row -> counts.put(PushState.valueOf(row.getString(1)), row.getInt(2)),
                range, Servers.format(desired));
        return counts;
    }

    private boolean progress(Phone phone, ServerAssignment desired, String assignments, Object... values) {
        Object[] params = new Object[values.length + 2];
        System.arraycopy(values, 0, params, 0, values.length);
        params[values.length] = phone.address();
        params[values.length + 1] = Servers.format(desired);
        return jdbc.updateInGroup("UPDATE phones SET " + assignments + " WHERE address = ? AND desired_servers = ?",
                params) == 1;
    }

    private static String truncate(String text) {
        return text.length() <= 1000 ? text : text.substring(0, 999) + "…";
    }

    private static Phone map(ResultSet row) throws SQLException {
        InetAddress address;
        try {
            address = InetAddress.getByName(row.getString("address"));
        } catch (UnknownHostException e) {
            throw new SQLException("phones.address '" + row.getString("address") + "' is not an IP literal", e);
        }
        var identity = new PhoneIdentity(address, row.getString("protocol"), row.getString("vendor"),
                row.getString("model"), row.getString("firmware"), row.getString("mac"));
        var progress = new PushProgress(Servers.parse(row.getString("desired_servers")),
                PushState.valueOf(row.getString("push_state")), row.getInt("attempts"), row.getString("last_error"),
                Jdbc.instant(row, "deferred_since"), Jdbc.instant(row, "progress_at"));
        return new Phone(identity, row.getString("range_name"), Servers.parse(row.getString("observed_servers")),
                Presence.valueOf(row.getString("presence")), row.getInt("missed_scans"),
                Jdbc.instant(row, "last_seen"), progress);
    }
}

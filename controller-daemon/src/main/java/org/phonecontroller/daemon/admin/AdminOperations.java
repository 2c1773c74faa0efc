package org.phonecontroller.daemon.admin;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the admin API (and so {@code phonectl}) can ask of a running daemon. The daemon implements it; the
 * {@link AdminServer} exposes it over HTTP + JSON on loopback. Every value is a record or a sealed type that
 * Jackson writes and reads as it is, so the CLI reads back exactly what the daemon answered.
 *
 * <p>Implementations are called from many request threads (virtual threads) at once and must be thread-safe.
 * A request the daemon cannot serve as asked (unknown range, nothing to fail over to, a job id it never knew)
 * is refused by throwing {@link AdminRequestRejected}, which the server turns into a JSON error with advice.
 */
public interface AdminOperations {

    /** PhoneManagers with their health, ranges with their desired target and phone counts, the controller. */
    StatusReport status();

    /**
     * The phones of the inventory.
     *
     * @param range only this range, or {@code null} for every range
     * @param state only phones in this state, or {@code null} for every state
     * @throws AdminRequestRejected ({@code NOT_FOUND}) when the range is not configured
     */
    List<PhoneView> phones(String range, PhoneState state);

    /**
     * Starts a discovery scan now.
     *
     * @param range the range to scan, or {@code null} for every range
     * @return the started job (or jobs, one per range when the daemon runs one per range)
     * @throws AdminRequestRejected ({@code NOT_FOUND}) when the range is not configured
     */
    List<JobRef> scan(String range);

    /**
     * "Rescan to primary": flips the desired target of the range(s) back to PRIMARY and starts the reconciler.
     * Refused while a primary is not UP, unless {@link FailbackRequest#force()}; a dry run changes nothing and
     * lists what would change.
     */
    FailbackAnswer failback(FailbackRequest request);

    /**
     * Planned failover of one range to its fallback PhoneManager (maintenance of the primary).
     *
     * @throws AdminRequestRejected ({@code NOT_FOUND}) for an unknown range, ({@code CONFLICT}) when the
     *         fallback is not UP
     */
    List<JobRef> failover(String range);

    /** The progress of a job, or empty when the daemon never knew that id (or has forgotten it). */
    Optional<JobProgress> job(String id);

    /**
     * Events, oldest first: those at or after {@code since} and with an id greater than {@code afterId}.
     * Following a stream asks again and again with the id of the last event it received.
     *
     * @param since   the earliest timestamp of interest
     * @param afterId only events with a greater {@link EventEntry#id()}; 0 for all
     * @param kinds   only these kinds (e.g. {@code PHONE_FAILED}); empty for every kind
     * @param limit   at most this many events (the oldest ones)
     */
    List<EventEntry> events(Instant since, long afterId, Set<String> kinds, int limit);

    /**
     * Reads the configuration file again. A configuration with problems is rejected and the daemon keeps its
     * last good one.
     */
    ConfigReloadAnswer reloadConfig();

    /**
     * A provisioning phone (issue #14): its last fetch and, with {@code preview}, the file it would get now
     * ({@code file}, or its per-MAC file). Empty when the phone is in no provisioned range.
     *
     * @param phone an address or a MAC
     * @throws IllegalArgumentException when {@code phone} is neither, or a preview needs a file name
     */
    default Optional<ProvisioningView> provisioning(String phone, String file, boolean preview) {
        return Optional.empty();
    }
}

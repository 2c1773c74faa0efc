package org.phonecontroller.daemon.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@code GET /api/status} and {@code phonectl status}.
 *
 * @param controller    this daemon
 * @param phoneManagers every configured PhoneManager, in configuration order
 * @param ranges        every configured range, in configuration order
 * @param nodes         the daemons sharing the database (cluster mode; just this one otherwise), this one first,
 *                      with the jobs each runs now
 */
public record StatusReport(Controller controller, List<PhoneManagerStatus> phoneManagers, List<RangeStatus> ranges,
                           List<Node> nodes) {

    public StatusReport {
        phoneManagers = List.copyOf(phoneManagers);
        ranges = List.copyOf(ranges);
        nodes = nodes == null ? List.of() : List.copyOf(nodes); // absent in answers of older daemons
    }

    /** A status without node information. */
    public StatusReport(Controller controller, List<PhoneManagerStatus> phoneManagers, List<RangeStatus> ranges) {
        this(controller, phoneManagers, ranges, List.of());
    }

    /**
     * @param id              the node's id (its Quartz scheduler instance id)
     * @param self            true for the daemon that answered
     * @param lastCheckin     when it last checked in with the cluster; {@code null} on a single node (H2)
     * @param checkinInterval how often it checks in; {@code null} on a single node
     * @param runningJobs     the jobs it runs now ({@code failover-floor-1}, {@code scan-all}, …)
     */
    public record Node(String id, boolean self, Instant lastCheckin, Duration checkinInterval,
                       List<String> runningJobs) {

        public Node {
            runningJobs = runningJobs == null ? List.of() : List.copyOf(runningJobs);
        }
    }

    /**
     * @param nodeId    this node's id (several nodes share a database in cluster mode)
     * @param version   the product version
     * @param startedAt when this daemon started
     * @param uptime    how long it runs
     * @param isolated  true when the witness check says this controller is cut off: it fails nothing over then
     */
    public record Controller(String nodeId, String version, Instant startedAt, Duration uptime, boolean isolated) {
    }

    /**
     * @param name               the PhoneManager's name in the configuration
     * @param address            host:port it is probed at
     * @param state              its health
     * @param since              when it entered that state
     * @param lastProbeLatency   the latency of the last successful probe; {@code null} when none succeeded yet
     * @param lastProbeError     why the last probe failed; {@code null} when it succeeded
     */
    public record PhoneManagerStatus(String name, String address, HealthState state, Instant since,
                                     Duration lastProbeLatency, String lastProbeError, RegistrarStatus registrar) {

        /** A PhoneManager without a registrar view. */
        public PhoneManagerStatus(String name, String address, HealthState state, Instant since,
                                  Duration lastProbeLatency, String lastProbeError) {
            this(name, address, state, since, lastProbeLatency, lastProbeError, null);
        }
    }

    /**
     * A PhoneManager's registrar view ({@code null} in {@link PhoneManagerStatus} when it has none).
     *
     * @param kind             {@code kamailio-jsonrpc} or {@code asterisk-ami}
     * @param known            false while the registrar does not answer (then the counts are {@code null})
     * @param readAt           when the view now held was read; {@code null} while unknown
     * @param contacts         live contacts it lists
     * @param managedPhones    phones of the inventory registered there
     * @param unknownContacts  contacts from addresses that are no phone of the inventory
     * @param error            why it is unknown; {@code null} when known
     */
    public record RegistrarStatus(String kind, boolean known, Instant readAt, Integer contacts, Integer managedPhones,
                                  Integer unknownContacts, String error) {
    }

    /**
     * @param name           the range's name
     * @param primary        its primary PhoneManager's name
     * @param fallback       its fallback PhoneManager's name
     * @param desiredTarget  where its phones should be
     * @param reason         why (e.g. "primary pm-a DOWN since 10:02:13", "failback by admin")
     * @param since          when the desired target last changed
     * @param phonesByState  phone counts per state; states without phones may be absent
     */
    public record RangeStatus(String name, String primary, String fallback, Target desiredTarget, String reason,
                              Instant since, Map<PhoneState, Integer> phonesByState) {

        public RangeStatus {
            phonesByState = Map.copyOf(phonesByState);
        }

        /** Every phone of the range, whatever its state; also written to JSON as {@code phoneCount}. */
        @JsonProperty("phoneCount")
        public int phoneCount() {
            return phonesByState.values().stream().mapToInt(Integer::intValue).sum();
        }
    }
}

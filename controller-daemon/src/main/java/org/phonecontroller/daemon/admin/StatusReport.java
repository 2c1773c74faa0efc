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
 */
public record StatusReport(Controller controller, List<PhoneManagerStatus> phoneManagers, List<RangeStatus> ranges) {

    public StatusReport {
        phoneManagers = List.copyOf(phoneManagers);
        ranges = List.copyOf(ranges);
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
                                     Duration lastProbeLatency, String lastProbeError) {
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

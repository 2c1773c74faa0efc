package org.phonecontroller.daemon.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A daemon sharing the job store, as Quartz's cluster tables show it.
 *
 * @param id              the node's scheduler instance id
 * @param self            true for the node that answers
 * @param lastCheckin     when it last told the others it is alive; {@code null} for a single node (no check-in)
 * @param checkinInterval how often it checks in; {@code null} for a single node
 * @param runningJobs     the jobs it runs now ({@code failover-floor-1}, {@code scan-all}, …), by name
 */
public record ClusterNode(String id, boolean self, Instant lastCheckin, Duration checkinInterval,
                          List<String> runningJobs) {

    public ClusterNode {
        runningJobs = List.copyOf(runningJobs);
    }
}

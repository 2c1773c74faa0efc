package org.phonecontroller.daemon.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.phonecontroller.daemon.storage.Jdbc;

/**
 * Which nodes share the job store and which of them runs which job, read from Quartz's own tables
 * ({@code QRTZ_SCHEDULER_STATE}: one row per live node with its last check-in; {@code QRTZ_FIRED_TRIGGERS}: the jobs
 * executing, with the node that runs each). A node that died stays listed until another node recovers its jobs.
 */
public final class ClusterNodes {

    private final Jdbc jdbc;
    private final String self;

    public ClusterNodes(Jdbc jdbc, String self) {
        this.jdbc = jdbc;
        this.self = self;
    }

    /** Every node, this one first, then by id. */
    public List<ClusterNode> nodes() {
        Map<String, List<String>> running = new TreeMap<>();
        jdbc.query("SELECT instance_name, job_name FROM qrtz_fired_triggers WHERE state = 'EXECUTING'"
                        + " ORDER BY job_name",
                row -> running.computeIfAbsent(row.getString(1), k -> new ArrayList<>()).add(row.getString(2)));
        List<ClusterNode> nodes = new ArrayList<>(jdbc.query("SELECT instance_name, last_checkin_time,"
                        + " checkin_interval FROM qrtz_scheduler_state ORDER BY instance_name",
                row -> new ClusterNode(row.getString(1), self.equals(row.getString(1)),
                        Instant.ofEpochMilli(row.getLong(2)), Duration.ofMillis(row.getLong(3)),
                        running.getOrDefault(row.getString(1), List.of()))));
        if (nodes.stream().noneMatch(ClusterNode::self)) {
            // a single node does not check in (or this node has not checked in yet)
            nodes.add(new ClusterNode(self, true, null, null, running.getOrDefault(self, List.of())));
        }
        nodes.sort(java.util.Comparator.comparing((ClusterNode n) -> !n.self()).thenComparing(ClusterNode::id));
        return nodes;
    }
}

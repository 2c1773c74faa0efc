package org.phonecontroller.daemon.jobs;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One reconciler per range at a time on this node: a failover job and a failback job of the same range (different
 * Quartz names) run one after the other. In cluster mode the jobs' Quartz names keep nodes apart per direction.
 */
final class RangeLocks {

    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    ReentrantLock of(String range) {
        return locks.computeIfAbsent(range, r -> new ReentrantLock());
    }
}

package org.phonecontroller.daemon.failover;

import javax.sql.DataSource;
import org.phonecontroller.daemon.time.TimeSource;

/**
 * The right to push one phone towards a target PhoneManager: at most {@code maxPerSecond} pushes per second per
 * PhoneManager (Cisco's MaxPhonesFallBackQueueDepth idea: re-homing must not flood the server the phones move to).
 */
public interface PushBudget {

    /** The budget's rate per PhoneManager. */
    int maxPerSecond();

    /** Waits for the right to push one phone towards {@code phoneManager}. */
    void acquire(String phoneManager) throws InterruptedException;

    /** A budget of this node alone (one node on H2): Bucket4j buckets in memory, on the daemon's time source. */
    static PushBudget local(int maxPerSecond, TimeSource time) {
        return new PushThrottle(maxPerSecond, time);
    }

    /**
     * One budget for every node on the same PostgreSQL database (cluster mode): Bucket4j buckets in the
     * {@code push_budget} table, taken a few tokens per database round trip. It keeps time with the wall clock,
     * which the nodes must share (NTP).
     */
    static PushBudget shared(DataSource dataSource, int maxPerSecond) {
        return new SharedPushBudget(dataSource, maxPerSecond);
    }
}

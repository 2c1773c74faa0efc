package org.phonecontroller.daemon.discovery;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per range name, shared by every scan of the daemon (the hourly {@code scan-all}, a requested
 * {@code scan-<range>}, failback's rescan) and kept across configuration reloads, so two scans of one range run
 * one after the other: a scan marks what it did not find as missed, so two at once would count each other's finds
 * as misses. Fair: scans run in the order they were asked.
 */
public final class RangeScanLocks {

    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    ReentrantLock of(String range) {
        return locks.computeIfAbsent(range, r -> new ReentrantLock(true));
    }
}

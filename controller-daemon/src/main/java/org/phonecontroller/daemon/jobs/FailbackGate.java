package org.phonecontroller.daemon.jobs;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.phonecontroller.daemon.failover.PhoneGate;
import org.phonecontroller.daemon.inventory.Phone;

/** Failback's gate: a phone passes once the rescan confirmed it; every phone once the rescan ended. */
final class FailbackGate implements PhoneGate {

    private final Set<String> confirmed = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile boolean rescanEnded;

    void confirm(String address) {
        confirmed.add(address);
        signal();
    }

    void rescanEnded() {
        rescanEnded = true;
        signal();
    }

    private void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean admits(Phone phone) {
        return rescanEnded || confirmed.contains(phone.address());
    }

    @Override
    public void awaitChange(Duration atMost) throws InterruptedException {
        lock.lock();
        try {
            if (!rescanEnded) {
                // short: confirmations arrive in bursts, and each one should be pushed soon after
                changed.await(Math.min(atMost.toMillis(), 50), TimeUnit.MILLISECONDS);
            }
        } finally {
            lock.unlock();
        }
    }
}

package org.phonecontroller.daemon.lifecycle;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The runs in progress of a part (a reconcile of a range, a scan), so that {@link RuntimePart#stop} can wait for
 * them: once {@link #stop()} was called no run may begin, and {@link #awaitIdle} returns when the last one ended.
 * A lock rather than a monitor: callers are virtual threads too.
 */
public final class Activity {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private int running;
    private volatile boolean stopping;

    /** Begins a run; false (and nothing begins) once stopping. Every true is followed by one {@link #end()}. */
    public boolean begin() {
        lock.lock();
        try {
            if (stopping) {
                return false;
            }
            running++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Ends a run that {@link #begin()} let start. */
    public void end() {
        lock.lock();
        try {
            running--;
            if (running == 0) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** True once {@link #stop()} was called: runs in progress should end after the work in flight. */
    public boolean stopping() {
        return stopping;
    }

    /** No run begins from now on. */
    public void stop() {
        stopping = true;
    }

    /** Waits until no run is in progress; false when {@code limit} passed first. */
    public boolean awaitIdle(Duration limit) {
        long left = limit.toNanos();
        lock.lock();
        try {
            while (running > 0) {
                if (left <= 0) {
                    return false;
                }
                left = idle.awaitNanos(left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return running == 0;
        } finally {
            lock.unlock();
        }
    }

    /** Stops and waits: the usual way a part ends its runs. */
    public boolean stopAndAwait(Duration limit) {
        stop();
        return awaitIdle(limit);
    }

    /** How many runs are in progress (for logs and tests). */
    public int running() {
        lock.lock();
        try {
            return running;
        } finally {
            lock.unlock();
        }
    }
}

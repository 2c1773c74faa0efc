package org.phonecontroller.protocols.sweep;

import java.util.Arrays;

/** First-in first-out (target, send time) pairs of the sender; growable ring of primitives. Single-threaded. */
final class SendQueue {

    private long[] targets = new long[1024];
    private long[] times = new long[1024];
    private int head;
    private int size;

    void add(long target, long nanos) {
        if (size == targets.length) {
            grow();
        }
        int tail = (head + size) & (targets.length - 1);
        targets[tail] = target;
        times[tail] = nanos;
        size++;
    }

    boolean isEmpty() {
        return size == 0;
    }

    long oldestTime() {
        return times[head];
    }

    long removeOldest() {
        long t = targets[head];
        head = (head + 1) & (targets.length - 1);
        size--;
        return t;
    }

    private void grow() {
        long[] t = new long[targets.length * 2];
        long[] n = new long[times.length * 2];
        for (int i = 0; i < size; i++) {
            t[i] = targets[(head + i) & (targets.length - 1)];
            n[i] = times[(head + i) & (times.length - 1)];
        }
        targets = t;
        times = n;
        head = 0;
        Arrays.fill(t, size, t.length, 0);
    }
}

package org.phonecontroller.protocols.sweep;

import java.util.concurrent.atomic.AtomicLongArray;

/** Two bits of state per target, changed by compare-and-set so sender and receiver never both count one. */
final class TargetStates {

    static final int IDLE = 0;
    static final int OUTSTANDING = 1;
    static final int ANSWERED = 2;
    static final int EXPIRED = 3;

    private final AtomicLongArray words;

    TargetStates(long targets) {
        words = new AtomicLongArray(Math.toIntExact((targets + 31) / 32));
    }

    int get(long target) {
        return (int) (words.get((int) (target >>> 5)) >>> shift(target)) & 3;
    }

    boolean compareAndSet(long target, int expect, int update) {
        int i = (int) (target >>> 5);
        int shift = shift(target);
        while (true) {
            long word = words.get(i);
            if (((word >>> shift) & 3) != expect) {
                return false;
            }
            long next = (word & ~(3L << shift)) | ((long) update << shift);
            if (words.compareAndSet(i, word, next)) {
                return true;
            }
        }
    }

    private static int shift(long target) {
        return (int) (target & 31) * 2;
    }
}

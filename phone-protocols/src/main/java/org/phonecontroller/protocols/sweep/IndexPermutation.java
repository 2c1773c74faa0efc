package org.phonecontroller.protocols.sweep;

import java.util.SplittableRandom;

/**
 * A pseudo-random bijection on {@code [0, size)} without materialising it: a 4-round Feistel network over the
 * smallest even-bit power-of-two domain that holds {@code size}, with cycle walking back into range (at most
 * about 4 steps on average: the domain is below 4 × size).
 */
final class IndexPermutation {

    private static final int ROUNDS = 4;

    private final long size;
    private final int halfBits;
    private final long halfMask;
    private final long[] keys = new long[ROUNDS];

    IndexPermutation(long size, long seed) {
        if (size < 1 || size > (1L << 62)) {
            throw new IllegalArgumentException("permutation size " + size + " outside 1..2^62");
        }
        this.size = size;
        int bits = Math.max(2, 64 - Long.numberOfLeadingZeros(size - 1));
        if (bits % 2 != 0) {
            bits++;
        }
        this.halfBits = bits / 2;
        this.halfMask = (1L << halfBits) - 1;
        var random = new SplittableRandom(seed);
        for (int i = 0; i < ROUNDS; i++) {
            keys[i] = random.nextLong();
        }
    }

    long size() {
        return size;
    }

    /** The {@code i}-th element of the permutation, {@code 0 <= i < size}. */
    long at(long i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        long x = i;
        do {
            x = encrypt(x);
        } while (x >= size);
        return x;
    }

    private long encrypt(long x) {
        long left = x >>> halfBits;
        long right = x & halfMask;
        for (long key : keys) {
            long next = left ^ (mix(right ^ key) & halfMask);
            left = right;
            right = next;
        }
        return (left << halfBits) | right;
    }

    /** Stafford's variant 13 of the SplitMix64 finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}

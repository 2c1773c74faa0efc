package org.phonecontroller.protocols.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IndexPermutationTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 5, 255, 256, 1000, 65_536, 100_003})
    void visitsEveryIndexExactlyOnce(long size) {
        var p = new IndexPermutation(size, 42);
        var seen = new BitSet();
        for (long i = 0; i < size; i++) {
            long v = p.at(i);
            assertThat(v).isBetween(0L, size - 1);
            assertThat(seen.get((int) v)).as("index %d visited twice", v).isFalse();
            seen.set((int) v);
        }
        assertThat(seen.cardinality()).isEqualTo((int) size);
    }

    @ParameterizedTest
    @ValueSource(longs = {1000, 65_536})
    void ordersDifferentlyForDifferentSeedsAndDoesNotWalkInSequence(long size) {
        var a = new IndexPermutation(size, 1);
        var b = new IndexPermutation(size, 2);
        int same = 0;
        int sequential = 0;
        for (long i = 0; i < size; i++) {
            same += a.at(i) == b.at(i) ? 1 : 0;
            sequential += i > 0 && a.at(i) == a.at(i - 1) + 1 ? 1 : 0;
        }
        assertThat(same).isLessThan((int) (size / 50));
        assertThat(sequential).isLessThan((int) (size / 50));
    }
}

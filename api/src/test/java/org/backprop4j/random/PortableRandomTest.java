package org.backprop4j.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PortableRandomTest {

    @Test
    void matchesTheReferenceSplitMix64Sequence() {
        // The first outputs of SplitMix64 seeded with 0, as published with the algorithm.
        PortableRandom random = new PortableRandom(0);
        assertEquals(0xe220a8397b1dcdafL, random.nextLong());
        assertEquals(0x6e789e6aa1b965f4L, random.nextLong());
        assertEquals(0x06c45d188009454fL, random.nextLong());
    }

    @Test
    void gaussiansHaveMeanZeroAndVarianceOne() {
        PortableRandom random = new PortableRandom(7);
        int n = 200_000;
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double value = random.nextGaussian();
            sum += value;
            squares += value * value;
        }
        double mean = sum / n;
        assertEquals(0, mean, 0.01);
        assertEquals(1, squares / n - mean * mean, 0.01);
    }

    @Test
    void shuffleIsAPermutationFixedByTheSeed() {
        int[] first = range(100);
        int[] second = range(100);
        new PortableRandom(3).shuffleInPlace(first);
        new PortableRandom(3).shuffleInPlace(second);

        assertArrayEquals(first, second);
        assertTrue(!Arrays.equals(first, range(100)), "shuffled");
        int[] sorted = first.clone();
        Arrays.sort(sorted);
        assertArrayEquals(range(100), sorted);
    }

    @Test
    void nextIntStaysInItsBound() {
        PortableRandom random = new PortableRandom(11);
        int[] counts = new int[3];
        for (int i = 0; i < 30_000; i++) {
            counts[random.nextInt(3)]++;
        }
        for (int count : counts) {
            assertEquals(10_000, count, 500);
        }
    }

    private static int[] range(int n) {
        int[] values = new int[n];
        Arrays.setAll(values, i -> i);
        return values;
    }
}

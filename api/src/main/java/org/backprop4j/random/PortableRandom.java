package org.backprop4j.random;

/**
 * A seeded generator whose numbers are the same on every JVM and every backend.
 *
 * <p>Initial weights and shuffles come from here rather than from a backend's own generator, so
 * that one seed gives one model everywhere and backends can be compared number for number. The
 * algorithm is SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators",
 * OOPSLA 2014), and normal deviates use the Box-Muller transform computed with {@link StrictMath},
 * whose results the Java specification fixes bit for bit. Not thread-safe.
 */
public final class PortableRandom {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    public PortableRandom(long seed) {
        this.state = seed;
    }

    /** The next 64 random bits. */
    public long nextLong() {
        state += GOLDEN_GAMMA;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1), with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound), without modulo bias. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        long limit = (1L << 31) - ((1L << 31) % bound);
        while (true) {
            long candidate = nextLong() >>> 33;
            if (candidate < limit) {
                return (int) (candidate % bound);
            }
        }
    }

    /** A standard normal deviate (mean 0, variance 1). */
    public double nextGaussian() {
        // 1 - u lies in (0, 1], so the logarithm is finite.
        double radius = StrictMath.sqrt(-2 * StrictMath.log(1 - nextDouble()));
        return radius * StrictMath.cos(2 * StrictMath.PI * nextDouble());
    }

    /** Shuffles {@code values} in place (Fisher-Yates). */
    public void shuffleInPlace(int[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }
}

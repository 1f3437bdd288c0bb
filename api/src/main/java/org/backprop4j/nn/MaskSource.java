package org.backprop4j.nn;

import org.backprop4j.random.PortableRandom;

/**
 * Where a {@link Dropout} layer gets the uniform numbers that decide which elements it drops.
 *
 * <p>The numbers come from a {@link PortableRandom} in {@code api}, not from a backend, so one seed
 * drops the same elements on every backend. Two sources cover the two needs: {@link #seeded} for
 * training, a fresh mask on every pass, and {@link #repeating} for gradient checks, which evaluate
 * one pass many times and need the same mask each time.
 */
@FunctionalInterface
public interface MaskSource {

    /**
     * The numbers for the next mask: {@code count} values uniform in [0, 1), one per element of the
     * input, in row-major order. Called once per training forward pass, possibly from several
     * threads; implementations must be thread-safe.
     */
    double[] nextUniforms(int count);

    /**
     * One stream of numbers continued from pass to pass, so successive masks differ while the whole
     * sequence is fixed by {@code seed}. Passes drawing at once from several threads are served one
     * at a time, in the order they arrive.
     */
    static MaskSource seeded(long seed) {
        PortableRandom random = new PortableRandom(seed);
        return count -> {
            synchronized (random) {
                return uniforms(random, count);
            }
        };
    }

    /**
     * The same numbers on every pass, drawn afresh from {@code seed}: a mask that stays fixed for
     * inputs of one shape, as a gradient check needs. Not for training, which would then drop the
     * same units on every step.
     */
    static MaskSource repeating(long seed) {
        return count -> uniforms(new PortableRandom(seed), count);
    }

    private static double[] uniforms(PortableRandom random, int count) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = random.nextDouble();
        }
        return values;
    }
}

package org.backprop4j.nn;

import org.backprop4j.random.PortableRandom;

/**
 * How a {@link Linear} layer draws its initial weights; biases start at zero.
 *
 * <p>Both keep the variance of activations roughly constant from layer to layer, for the activation
 * each is derived for. Weights are drawn in row-major order of the {@code in x out} weight matrix
 * from a {@link PortableRandom}, so every backend starts from the same numbers.
 */
public enum Initializer {
    /**
     * Normal with variance {@code 2 / fanIn}, for ReLU networks (He, Zhang, Ren and Sun, "Delving
     * deep into rectifiers", ICCV 2015). The lesson's {@code randn * sqrt(2 / fanIn)}.
     */
    HE {
        @Override
        double standardDeviation(int fanIn, int fanOut) {
            return Math.sqrt(2.0 / fanIn);
        }
    },
    /**
     * Normal with variance {@code 2 / (fanIn + fanOut)}, for tanh and sigmoid networks (Glorot and
     * Bengio, "Understanding the difficulty of training deep feedforward neural networks", AISTATS
     * 2010).
     */
    XAVIER {
        @Override
        double standardDeviation(int fanIn, int fanOut) {
            return Math.sqrt(2.0 / (fanIn + fanOut));
        }
    };

    abstract double standardDeviation(int fanIn, int fanOut);

    /** {@code fanIn * fanOut} weights, row-major, drawn from {@code random}. */
    public double[] sample(int fanIn, int fanOut, PortableRandom random) {
        double deviation = standardDeviation(fanIn, fanOut);
        double[] weights = new double[Math.multiplyExact(fanIn, fanOut)];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = random.nextGaussian() * deviation;
        }
        return weights;
    }
}

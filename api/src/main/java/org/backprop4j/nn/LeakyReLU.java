package org.backprop4j.nn;

import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.Tensor;

/**
 * {@code y = x} where {@code x > 0}, else {@code y = slope * x}, elementwise (Maas, Hannun and Ng,
 * "Rectifier nonlinearities improve neural network acoustic models", ICML 2013). Backward: {@code
 * dL/dx = dL/dy} where {@code x > 0}, else {@code slope * dL/dy}; at the kink the slope is taken.
 *
 * <p>A small slope keeps a gradient flowing through units that a {@link ReLU} would leave dead.
 */
public final class LeakyReLU implements Layer {
    /** The slope PyTorch and Keras default to. */
    public static final double DEFAULT_SLOPE = 0.01;

    private final double slope;

    /** A layer with slope {@value #DEFAULT_SLOPE} for negative inputs. */
    public LeakyReLU() {
        this(DEFAULT_SLOPE);
    }

    /**
     * A layer with the given slope for negative inputs.
     *
     * @throws IllegalArgumentException if the slope is not in [0, 1)
     */
    public LeakyReLU(double slope) {
        if (!(slope >= 0 && slope < 1)) {
            throw new IllegalArgumentException(
                    "LeakyReLU: the negative slope must be in [0, 1), got "
                            + slope
                            + "; 0 is a plain ReLU, and at 1 the layer would be the identity");
        }
        this.slope = slope;
    }

    /** The slope for negative inputs. */
    public double slope() {
        return slope;
    }

    @Override
    public Tensor forward(Tensor input, Tape tape) {
        Backend backend = input.backend();
        Tensor positive = backend.greaterThan(input, 0);
        // mask + slope * (1 - mask) is exactly 1 or the slope, where mask * (1 - slope) + slope
        // could round 1 - slope + slope to just below 1.
        Tensor factor = backend.add(positive, backend.affine(positive, -slope, slope));
        tape.save(this, factor);
        return backend.mul(input, factor);
    }

    @Override
    public Tensor backward(Tensor gradOutput, Tape tape) {
        Tensor factor = tape.restore(this, Tensor.class);
        Layers.requireGradientShape(this, gradOutput, factor.shape());
        return gradOutput.backend().mul(gradOutput, factor);
    }

    @Override
    public String toString() {
        return "LeakyReLU(" + slope + ")";
    }
}

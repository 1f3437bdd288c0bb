package org.backprop4j.nn;

import java.util.Objects;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.Tensor;

/**
 * Inverted dropout (Srivastava, Hinton, Krizhevsky, Sutskever and Salakhutdinov, "Dropout: a simple
 * way to prevent neural networks from overfitting", JMLR 2014).
 *
 * <p>On a {@link Tape#isTraining() training} tape, forward draws a mask {@code m} of the input's
 * shape, with {@code m = 1 / (1 - rate)} for kept elements and {@code 0} for dropped ones, and
 * returns {@code y = x * m}; backward returns {@code dL/dx = dL/dy * m} with the same mask. An
 * element is dropped when its uniform number from the {@link MaskSource} is below the rate, so on
 * average a fraction {@code 1 - rate} is kept and the scaling keeps the expected output equal to
 * the input. On any other tape the layer is the identity: forward returns its input itself, not a
 * copy, and backward returns {@code dL/dy}.
 *
 * <p>The mask is drawn once per forward pass and kept on that pass's tape, so backward uses exactly
 * the mask its forward applied. Which elements drop is fixed by the mask source alone: {@link
 * MaskSource#seeded} gives a new mask each pass, the same sequence on every backend; {@link
 * MaskSource#repeating} gives the same mask on every pass, which is how gradient checks hold the
 * randomness fixed while they perturb the input.
 *
 * <p>Threads: inference reads nothing but the rate, so any number of threads may predict at once.
 * Training passes draw from the mask source, which serves them one at a time.
 */
public final class Dropout implements Layer {
    private final double rate;
    private final MaskSource masks;

    /** A layer dropping a fraction {@code rate} of elements, masks drawn from {@code seed}. */
    public Dropout(double rate, long seed) {
        this(rate, MaskSource.seeded(seed));
    }

    /**
     * A layer dropping a fraction {@code rate} of elements, masks drawn from {@code masks}.
     *
     * @throws IllegalArgumentException if the rate is not in [0, 1)
     */
    public Dropout(double rate, MaskSource masks) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException(
                    "Dropout: the rate must be in [0, 1), got "
                            + rate
                            + "; it is the probability of dropping each element, and at 1"
                            + " nothing would be kept");
        }
        this.rate = rate;
        this.masks = Objects.requireNonNull(masks, "masks");
    }

    /** The probability of dropping each element in training. */
    public double rate() {
        return rate;
    }

    @Override
    public Tensor forward(Tensor input, Tape tape) {
        if (!tape.isTraining()) {
            tape.save(this, new Pass(input.shape(), null));
            return input;
        }
        Tensor mask = drawMask(input);
        tape.save(this, new Pass(input.shape(), mask));
        return input.backend().mul(input, mask);
    }

    @Override
    public Tensor backward(Tensor gradOutput, Tape tape) {
        Pass pass = tape.restore(this, Pass.class);
        Layers.requireGradientShape(this, gradOutput, pass.shape());
        return pass.mask() == null ? gradOutput : gradOutput.backend().mul(gradOutput, pass.mask());
    }

    private Tensor drawMask(Tensor input) {
        int count = Math.toIntExact(input.shape().size());
        double[] uniforms = masks.nextUniforms(count);
        if (uniforms.length != count) {
            throw new IllegalStateException(
                    this
                            + ": the mask source gave "
                            + uniforms.length
                            + " numbers for "
                            + count
                            + " elements ("
                            + input.shape()
                            + "); it must give one per element");
        }
        double kept = 1 / (1 - rate);
        double[] mask = new double[count];
        for (int i = 0; i < count; i++) {
            mask[i] = uniforms[i] < rate ? 0 : kept;
        }
        Backend backend = input.backend();
        return backend.fromArray(mask, input.shape(), input.dtype());
    }

    @Override
    public String toString() {
        return "Dropout(" + rate + ")";
    }

    /** What backward needs: the input's shape, and the mask, which is null outside training. */
    private record Pass(Shape shape, Tensor mask) {}
}

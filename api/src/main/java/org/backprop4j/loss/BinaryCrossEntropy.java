package org.backprop4j.loss;

import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.ShapeMismatchException;
import org.backprop4j.tensor.Tensor;

/**
 * Binary cross-entropy on raw scores (logits), fused with the sigmoid, for targets that are
 * probabilities of the positive class.
 *
 * <p>For logits {@code x} and targets {@code t} in [0, 1] of the same shape, each element's loss is
 * {@code -(t log(sigmoid(x)) + (1 - t) log(1 - sigmoid(x)))}, written as {@code max(x, 0) - x t +
 * log(1 + e^-|x|)}; {@code L} is its mean over all {@code n} elements and {@code dL/dx =
 * (sigmoid(x) - t) / n}. The rewritten form never takes the logarithm of a sigmoid that has rounded
 * to 0 or 1 and never exponentiates a positive number, so logits of plus or minus 1000 give exact
 * values where the textbook form gives infinity or NaN.
 */
public final class BinaryCrossEntropy implements Loss<Tensor> {

    /**
     * @throws IllegalArgumentException if the shapes differ, naming both, or if a target is outside
     *     [0, 1] or NaN, naming its row, column and value
     */
    @Override
    public LossResult evaluate(Tensor logits, Tensor targets) {
        requireTargets(logits, targets);
        Backend backend = logits.backend();
        long count = logits.shape().size();

        Tensor positive = backend.maximum(logits, 0);
        // |x| = 2 max(x, 0) - x, exactly, from the primitives every backend has.
        Tensor magnitude = backend.sub(backend.scale(positive, 2), logits);
        Tensor softplus =
                backend.log(backend.affine(backend.exp(backend.scale(magnitude, -1)), 1, 1));
        Tensor perElement =
                backend.add(backend.sub(positive, backend.mul(logits, targets)), softplus);
        double value = backend.sum(perElement) / count;

        Tensor gradient = backend.sub(backend.sigmoid(logits), targets);
        return new LossResult(value, backend.scale(gradient, 1.0 / count));
    }

    private static void requireTargets(Tensor logits, Tensor targets) {
        if (!logits.shape().equals(targets.shape())) {
            throw new ShapeMismatchException(
                    "BinaryCrossEntropy",
                    logits.shape(),
                    targets.shape(),
                    "logits and targets must have the same shape");
        }
        double[] values = targets.toDoubleArray();
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= 0 && values[i] <= 1)) {
                throw new IllegalArgumentException(
                        "BinaryCrossEntropy: target "
                                + values[i]
                                + " in row "
                                + i / targets.cols()
                                + ", column "
                                + i % targets.cols()
                                + " of "
                                + targets.shape()
                                + " is outside [0, 1]; targets are probabilities of the"
                                + " positive class, such as 0 and 1 labels");
            }
        }
    }

    @Override
    public String toString() {
        return "BinaryCrossEntropy";
    }
}

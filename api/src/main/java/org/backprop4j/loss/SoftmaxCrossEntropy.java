package org.backprop4j.loss;

import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.Tensor;

/**
 * Softmax followed by cross-entropy, fused, on raw scores (logits) and class indices.
 *
 * <p>For logits {@code z} ({@code batch x classes}) and classes {@code c}: {@code L = mean_i
 * (logsumexp(z_i) - z_i[c_i])}, and {@code dL/dz = (softmax(z) - onehot(c)) / batch}. Fusing the
 * two avoids the logarithm of a softmax that has underflowed to zero, and log-sum-exp subtracts the
 * row maximum first, so logits of 1000 give finite values.
 */
public final class SoftmaxCrossEntropy implements Loss<int[]> {

    @Override
    public LossResult evaluate(Tensor logits, int[] classes) {
        requireClasses(logits, classes);
        Backend backend = logits.backend();
        int batch = logits.rows();

        Tensor logSumExp = backend.logSumExpRows(logits);
        Tensor picked = backend.pickColumns(logits, classes);
        double value = backend.sum(backend.sub(logSumExp, picked)) / batch;

        Tensor oneHot = backend.oneHot(classes, logits.cols(), logits.dtype());
        Tensor gradient = backend.sub(backend.softmaxRows(logits), oneHot);
        return new LossResult(value, backend.scale(gradient, 1.0 / batch));
    }

    private static void requireClasses(Tensor logits, int[] classes) {
        if (classes.length != logits.rows()) {
            throw new IllegalArgumentException(
                    "SoftmaxCrossEntropy: "
                            + classes.length
                            + " labels for "
                            + logits.rows()
                            + " rows of logits "
                            + logits.shape());
        }
        for (int row = 0; row < classes.length; row++) {
            if (classes[row] < 0 || classes[row] >= logits.cols()) {
                throw new IllegalArgumentException(
                        "SoftmaxCrossEntropy: label "
                                + classes[row]
                                + " in row "
                                + row
                                + " is out of range for "
                                + logits.cols()
                                + " classes (expected 0 to "
                                + (logits.cols() - 1)
                                + ")");
            }
        }
    }

    @Override
    public String toString() {
        return "SoftmaxCrossEntropy";
    }
}

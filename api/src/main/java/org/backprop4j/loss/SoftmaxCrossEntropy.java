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
        Backend.LossAndGradient result = logits.backend().softmaxCrossEntropy(logits, classes);
        return new LossResult(result.value(), result.gradient());
    }

    @Override
    public String toString() {
        return "SoftmaxCrossEntropy";
    }
}

package org.backprop4j.loss;

import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.ShapeMismatchException;
import org.backprop4j.tensor.Tensor;

/**
 * {@code L = mean((p - y)^2)} over every element of a {@code batch x outputs} prediction {@code p}
 * and target {@code y}; {@code dL/dp = 2 (p - y) / (batch * outputs)}.
 */
public final class MeanSquaredError implements Loss<Tensor> {

    @Override
    public LossResult evaluate(Tensor prediction, Tensor target) {
        if (!prediction.shape().equals(target.shape())) {
            throw new ShapeMismatchException(
                    "MeanSquaredError",
                    prediction.shape(),
                    target.shape(),
                    "prediction and target must have the same shape");
        }
        Backend backend = prediction.backend();
        long count = prediction.shape().size();

        Tensor difference = backend.sub(prediction, target);
        double value = backend.sum(backend.mul(difference, difference)) / count;
        return new LossResult(value, backend.scale(difference, 2.0 / count));
    }

    @Override
    public String toString() {
        return "MeanSquaredError";
    }
}

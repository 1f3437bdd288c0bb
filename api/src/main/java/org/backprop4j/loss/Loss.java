package org.backprop4j.loss;

import org.backprop4j.tensor.Tensor;

/**
 * A scalar measure of how far a batch of predictions is from its targets, and its gradient.
 *
 * <p>The value is a mean over the batch, taken here once: the gradient already carries the {@code 1
 * / batch} factor, so no layer divides by the batch size again. Neither argument is modified.
 *
 * @param <Y> the type of the targets: a tensor for regression, class indices for classification
 */
public interface Loss<Y> {

    /**
     * The value for {@code prediction} ({@code batch x outputs}) against {@code target}, and
     * dL/d(prediction), of the prediction's shape.
     *
     * @throws IllegalArgumentException if the target does not fit the prediction, naming both
     */
    LossResult evaluate(Tensor prediction, Y target);

    /** The value alone; backends may not save any work by it, but the intent reads clearer. */
    default double value(Tensor prediction, Y target) {
        return evaluate(prediction, target).value();
    }
}

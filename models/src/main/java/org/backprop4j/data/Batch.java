package org.backprop4j.data;

import org.backprop4j.tensor.Tensor;

/**
 * Inputs and their targets for one step.
 *
 * @param inputs {@code batch x features}
 * @param targets what the loss compares the prediction with: a tensor, or class indices
 * @param <Y> the type of the targets
 */
public record Batch<Y>(Tensor inputs, Y targets) {
    /** The number of samples. */
    public int size() {
        return inputs.rows();
    }
}

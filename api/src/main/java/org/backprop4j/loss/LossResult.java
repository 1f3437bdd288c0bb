package org.backprop4j.loss;

import org.backprop4j.tensor.Tensor;

/**
 * A loss value and its gradient with respect to the prediction.
 *
 * @param value the batch mean of the loss
 * @param gradient dL/d(prediction), shaped like the prediction
 */
public record LossResult(double value, Tensor gradient) {}

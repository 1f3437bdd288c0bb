package org.backprop4j.optim;

import java.util.List;
import org.backprop4j.nn.Parameter;

/** Plain stochastic gradient descent: {@code value -= learningRate * gradient}, in place. */
public final class SGD implements Optimizer {
    private final double learningRate;

    /**
     * @throws IllegalArgumentException if the rate is not a positive finite number
     */
    public SGD(double learningRate) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException(
                    "The learning rate must be positive and finite, got " + learningRate);
        }
        this.learningRate = learningRate;
    }

    public double learningRate() {
        return learningRate;
    }

    @Override
    public void step(List<Parameter> parameters) {
        for (Parameter parameter : parameters) {
            parameter
                    .backend()
                    .addScaledInPlace(parameter.value(), -learningRate, parameter.gradient());
        }
    }

    @Override
    public String toString() {
        return "SGD(lr=" + learningRate + ")";
    }
}

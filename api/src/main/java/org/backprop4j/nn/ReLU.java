package org.backprop4j.nn;

import org.backprop4j.tensor.Tensor;

/**
 * {@code y = max(x, 0)}, elementwise. Backward: {@code dL/dx = dL/dy} where {@code x > 0}, else 0
 * (the subgradient 0 is taken at the kink).
 */
public final class ReLU implements Layer {

    @Override
    public Tensor forward(Tensor input, Tape tape) {
        tape.save(this, input);
        return input.backend().relu(input);
    }

    @Override
    public Tensor backward(Tensor gradOutput, Tape tape) {
        Tensor input = tape.restore(this, Tensor.class);
        Layers.requireGradientShape(this, gradOutput, input.shape());
        return gradOutput.backend().reluBackward(gradOutput, input);
    }

    @Override
    public String toString() {
        return "ReLU";
    }
}

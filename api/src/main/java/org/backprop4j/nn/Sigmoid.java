package org.backprop4j.nn;

import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.Tensor;

/**
 * {@code y = 1 / (1 + e^-x)}, elementwise. Backward: {@code dL/dx = dL/dy * y * (1 - y)}, from the
 * saved output, so the exponential is not computed twice.
 */
public final class Sigmoid implements Layer {

    @Override
    public Tensor forward(Tensor input, Tape tape) {
        Tensor output = input.backend().sigmoid(input);
        tape.save(this, output);
        return output;
    }

    @Override
    public Tensor backward(Tensor gradOutput, Tape tape) {
        Tensor output = tape.restore(this, Tensor.class);
        Layers.requireGradientShape(this, gradOutput, output.shape());
        Backend backend = gradOutput.backend();
        Tensor slope = backend.mul(output, backend.affine(output, -1, 1));
        return backend.mul(gradOutput, slope);
    }

    @Override
    public String toString() {
        return "Sigmoid";
    }
}

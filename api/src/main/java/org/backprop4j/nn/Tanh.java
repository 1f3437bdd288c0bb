package org.backprop4j.nn;

import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.Tensor;

/** {@code y = tanh(x)}, elementwise. Backward: {@code dL/dx = dL/dy * (1 - y^2)}. */
public final class Tanh implements Layer {

    @Override
    public Tensor forward(Tensor input, Tape tape) {
        Tensor output = input.backend().tanh(input);
        tape.save(this, output);
        return output;
    }

    @Override
    public Tensor backward(Tensor gradOutput, Tape tape) {
        Tensor output = tape.restore(this, Tensor.class);
        Layers.requireGradientShape(this, gradOutput, output.shape());
        Backend backend = gradOutput.backend();
        Tensor slope = backend.affine(backend.mul(output, output), -1, 1);
        return backend.mul(gradOutput, slope);
    }

    @Override
    public String toString() {
        return "Tanh";
    }
}

package org.backprop4j.guides.layer;

import org.backprop4j.nn.Layer;
import org.backprop4j.nn.Layers;
import org.backprop4j.nn.Tape;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.Tensor;

/**
 * Swish, also called SiLU: {@code y = x * s} with {@code s = sigmoid(x)}, elementwise
 * (Ramachandran, Zoph and Le, "Searching for Activation Functions", 2017; Elfwing, Uchibe and Doya,
 * 2018).
 *
 * <p>Backward: {@code dy/dx = s + x * s * (1 - s) = s * (1 + x * (1 - s))}, so {@code dL/dx = dL/dy
 * * s * (1 + x * (1 - s))}. Forward saves {@code x} and {@code s} on the tape, so backward computes
 * no exponential. Shapes: any {@code batch x features}, output the same.
 */
public final class Swish implements Layer {

    @Override
    public Tensor forward(Tensor input, Tape tape) {
        Backend backend = input.backend();
        Tensor sigmoid = backend.sigmoid(input);
        tape.save(this, new Saved(input, sigmoid));
        return backend.mul(input, sigmoid);
    }

    @Override
    public Tensor backward(Tensor gradOutput, Tape tape) {
        Saved saved = tape.restore(this, Saved.class);
        Layers.requireGradientShape(this, gradOutput, saved.input().shape());
        Backend backend = gradOutput.backend();

        Tensor oneMinusSigmoid = backend.affine(saved.sigmoid(), -1, 1);
        Tensor inner = backend.affine(backend.mul(saved.input(), oneMinusSigmoid), 1, 1);
        Tensor slope = backend.mul(saved.sigmoid(), inner);
        return backend.mul(gradOutput, slope);
    }

    @Override
    public String toString() {
        return "Swish";
    }

    /** What one forward leaves for its backward. */
    private record Saved(Tensor input, Tensor sigmoid) {}
}

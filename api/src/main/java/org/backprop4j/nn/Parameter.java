package org.backprop4j.nn;

import java.util.Objects;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.Tensor;

/**
 * A trainable tensor and the gradient of the loss with respect to it.
 *
 * <p>Both tensors are allocated once and then only updated in place: backward passes
 * <em>accumulate</em> into {@link #gradient()}, optimizers update {@link #value()}, and {@link
 * #zeroGradient()} starts the next step. Keeping the same tensors lets backends reuse their memory
 * and lets optimizers key their state on the parameter.
 */
public final class Parameter {
    private final String name;
    private final Tensor value;
    private final Tensor gradient;

    /** A parameter named {@code name} (such as "weight") holding {@code value}, gradient zero. */
    public Parameter(String name, Tensor value) {
        this.name = Objects.requireNonNull(name, "name");
        this.value = Objects.requireNonNull(value, "value");
        this.gradient = value.backend().zeros(value.shape(), value.dtype());
    }

    /** The name within its layer, such as "weight" or "bias". */
    public String name() {
        return name;
    }

    /** The values, updated in place by optimizers. */
    public Tensor value() {
        return value;
    }

    /** dL/d(value), accumulated by backward passes since the last {@link #zeroGradient()}. */
    public Tensor gradient() {
        return gradient;
    }

    public Shape shape() {
        return value.shape();
    }

    public Backend backend() {
        return value.backend();
    }

    /** Resets the gradient to zero before the next backward pass. */
    public void zeroGradient() {
        gradient.backend().fillInPlace(gradient, 0);
    }

    @Override
    public String toString() {
        return "Parameter[" + name + ", " + value.shape() + "]";
    }
}

package org.backprop4j.models;

import org.backprop4j.nn.Sequential;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;

/** The lesson's two networks. */
public final class Presets {
    /** The hidden width of the lesson's sin network. */
    public static final int SIN_HIDDEN = 32;

    /** The hidden width of the lesson's MNIST network. */
    public static final int MNIST_HIDDEN = 128;

    private Presets() {}

    /** 1 - hidden - 1 with ReLU, He-initialized: regression of sin(x). */
    public static Sequential sin(Backend backend, DType dtype, int hidden, long seed) {
        return Mlp.builder(1, hidden, 1).dtype(dtype).seed(seed).build(backend);
    }

    /** 784 - hidden - 10 with ReLU, He-initialized: MNIST digits, raw scores out. */
    public static Sequential mnist(Backend backend, DType dtype, int hidden, long seed) {
        return Mlp.builder(28 * 28, hidden, 10).dtype(dtype).seed(seed).build(backend);
    }
}

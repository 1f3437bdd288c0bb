package org.backprop4j.models;

import java.util.function.Supplier;
import org.backprop4j.nn.Initializer;
import org.backprop4j.nn.Layer;
import org.backprop4j.nn.ReLU;
import org.backprop4j.nn.Sigmoid;
import org.backprop4j.nn.Tanh;

/** The hidden-layer activations an {@link Mlp} offers, each with the initializer it suits. */
public enum Activation {
    RELU(ReLU::new, Initializer.HE),
    TANH(Tanh::new, Initializer.XAVIER),
    SIGMOID(Sigmoid::new, Initializer.XAVIER);

    private final Supplier<Layer> factory;
    private final Initializer initializer;

    Activation(Supplier<Layer> factory, Initializer initializer) {
        this.factory = factory;
        this.initializer = initializer;
    }

    /** A new layer of this activation. */
    public Layer newLayer() {
        return factory.get();
    }

    /** The initializer derived for this activation. */
    public Initializer initializer() {
        return initializer;
    }
}

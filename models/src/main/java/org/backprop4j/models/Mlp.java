package org.backprop4j.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.backprop4j.nn.Initializer;
import org.backprop4j.nn.Layer;
import org.backprop4j.nn.Linear;
import org.backprop4j.nn.Sequential;
import org.backprop4j.random.PortableRandom;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;

/**
 * A multilayer perceptron: {@code Linear} layers of the given widths with an activation between
 * each pair, none after the last (losses take raw outputs).
 *
 * <p>Weights are drawn in layer order from one {@link PortableRandom} seeded with {@link
 * Builder#seed}, so one seed gives the same network on every backend.
 */
public final class Mlp {
    private Mlp() {}

    /** A builder for widths such as {@code 784, 128, 10}. */
    public static Builder builder(int... widths) {
        return new Builder(widths);
    }

    /** Collects the settings of an MLP; {@link #build} checks them. */
    public static final class Builder {
        private final int[] widths;
        private Activation activation = Activation.RELU;
        private Initializer initializer;
        private DType dtype = DType.FLOAT64;
        private long seed = 0;

        private Builder(int[] widths) {
            this.widths = widths.clone();
        }

        /** The hidden activation; ReLU by default. */
        public Builder activation(Activation activation) {
            this.activation = Objects.requireNonNull(activation, "activation");
            return this;
        }

        /** The weight initializer; by default the one the activation suits. */
        public Builder initializer(Initializer initializer) {
            this.initializer = Objects.requireNonNull(initializer, "initializer");
            return this;
        }

        /** The data type of the parameters; float64 by default. */
        public Builder dtype(DType dtype) {
            this.dtype = Objects.requireNonNull(dtype, "dtype");
            return this;
        }

        /** The seed of the initial weights; 0 by default. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * The network on {@code backend}.
         *
         * @throws IllegalArgumentException if there are fewer than two widths or one is not
         *     positive
         */
        public Sequential build(Backend backend) {
            if (widths.length < 2) {
                throw new IllegalArgumentException(
                        "An MLP needs at least an input and an output width, got "
                                + Arrays.toString(widths));
            }
            for (int width : widths) {
                if (width <= 0) {
                    throw new IllegalArgumentException(
                            "MLP widths must be positive, got " + Arrays.toString(widths));
                }
            }
            Initializer init = initializer != null ? initializer : activation.initializer();
            PortableRandom random = new PortableRandom(seed);
            List<Layer> layers = new ArrayList<>();
            for (int i = 0; i + 1 < widths.length; i++) {
                if (i > 0) {
                    layers.add(activation.newLayer());
                }
                layers.add(Linear.create(backend, dtype, widths[i], widths[i + 1], init, random));
            }
            return new Sequential(layers);
        }
    }
}

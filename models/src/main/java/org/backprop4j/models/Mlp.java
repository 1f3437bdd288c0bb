package org.backprop4j.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.backprop4j.nn.BatchNorm;
import org.backprop4j.nn.Dropout;
import org.backprop4j.nn.Initializer;
import org.backprop4j.nn.Layer;
import org.backprop4j.nn.Linear;
import org.backprop4j.nn.Sequential;
import org.backprop4j.random.PortableRandom;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;

/**
 * A multilayer perceptron: {@code Linear} layers of the given widths with an activation between
 * each pair, none after the last (losses take raw outputs). Optionally each hidden layer is {@code
 * Linear, BatchNorm, activation, Dropout}, with batch norm before the activation as Ioffe and
 * Szegedy place it, and dropout after it.
 *
 * <p>Weights are drawn in layer order from one {@link PortableRandom} seeded with {@link
 * Builder#seed}, then one mask seed per dropout layer, so one seed gives the same network on every
 * backend, and the same weights with or without dropout.
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
        private double dropout = 0;
        private boolean batchNorm = false;

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

        /** The dropout rate after each hidden activation, in [0, 1); 0, no dropout, by default. */
        public Builder dropout(double rate) {
            this.dropout = rate;
            return this;
        }

        /** Whether each hidden layer normalizes before its activation; off by default. */
        public Builder batchNorm(boolean enabled) {
            this.batchNorm = enabled;
            return this;
        }

        /**
         * The network on {@code backend}.
         *
         * @throws IllegalArgumentException if there are fewer than two widths or one is not
         *     positive, or if the dropout rate is not in [0, 1)
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
            if (!(dropout >= 0 && dropout < 1)) {
                throw new IllegalArgumentException(
                        "The MLP's dropout rate must be in [0, 1), got "
                                + dropout
                                + "; 0 leaves dropout out");
            }
            Initializer init = initializer != null ? initializer : activation.initializer();
            PortableRandom random = new PortableRandom(seed);
            List<Linear> linears = new ArrayList<>();
            for (int i = 0; i + 1 < widths.length; i++) {
                linears.add(Linear.create(backend, dtype, widths[i], widths[i + 1], init, random));
            }

            List<Layer> layers = new ArrayList<>();
            for (int i = 0; i < linears.size(); i++) {
                if (i > 0) {
                    if (batchNorm) {
                        layers.add(BatchNorm.create(backend, dtype, widths[i]));
                    }
                    layers.add(activation.newLayer());
                    if (dropout > 0) {
                        layers.add(new Dropout(dropout, random.nextLong()));
                    }
                }
                layers.add(linears.get(i));
            }
            return new Sequential(layers);
        }
    }
}

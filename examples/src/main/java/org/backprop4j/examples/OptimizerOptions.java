package org.backprop4j.examples;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.AdamW;
import org.backprop4j.optim.Optimizer;
import org.backprop4j.optim.SGD;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** The options that pick the optimizer of a training command and its hyper-parameters. */
final class OptimizerOptions {
    static final double DEFAULT_MOMENTUM = 0.9;
    static final double DEFAULT_WEIGHT_DECAY = 0.01;

    /**
     * A tenth of SGD's rate: with momentum 0.9 the velocity sums to ten gradients, so the steps are
     * of the same size.
     */
    static final double MOMENTUM_RATE = 0.05;

    static final double ADAM_RATE = 0.001;

    /** The optimizers by their option name, each with the learning rate it starts from. */
    enum Kind {
        SGD(Double.parseDouble(MnistCommand.DEFAULT_LEARNING_RATE)),
        MOMENTUM(MOMENTUM_RATE),
        NESTEROV(MOMENTUM_RATE),
        ADAM(ADAM_RATE),
        ADAMW(ADAM_RATE);

        private final double defaultRate;

        Kind(double defaultRate) {
            this.defaultRate = defaultRate;
        }

        String optionName() {
            return name().toLowerCase(Locale.ROOT);
        }

        private boolean usesMomentum() {
            return this == MOMENTUM || this == NESTEROV;
        }
    }

    @Option(
            names = "--optimizer",
            paramLabel = "NAME",
            defaultValue = "sgd",
            converter = KindConverter.class,
            description =
                    "sgd, momentum, nesterov, adam or adamw (decoupled weight decay)."
                            + " Default: ${DEFAULT-VALUE}.")
    Kind kind;

    @Option(
            names = "--lr",
            paramLabel = "RATE",
            description =
                    "Learning rate. Default: "
                            + MnistCommand.DEFAULT_LEARNING_RATE
                            + " for sgd, "
                            + MOMENTUM_RATE
                            + " for momentum and nesterov, "
                            + ADAM_RATE
                            + " for adam and adamw.")
    Double learningRate;

    @Option(
            names = "--momentum",
            paramLabel = "MU",
            description =
                    "Momentum of the momentum and nesterov optimizers. Default: "
                            + DEFAULT_MOMENTUM
                            + ".")
    Double momentum;

    @Option(
            names = "--weight-decay",
            paramLabel = "LAMBDA",
            description = "Weight decay of adamw. Default: " + DEFAULT_WEIGHT_DECAY + ".")
    Double weightDecay;

    /** The learning rate given, or the chosen optimizer's default. */
    double learningRate() {
        return learningRate != null ? learningRate : kind.defaultRate;
    }

    /**
     * The optimizer the options describe.
     *
     * @throws IllegalArgumentException if a hyper-parameter is out of range or was given to an
     *     optimizer that does not use it
     */
    Optimizer create() {
        if (momentum != null && !kind.usesMomentum()) {
            throw new IllegalArgumentException(
                    "--momentum is for --optimizer momentum or nesterov, not "
                            + kind.optionName()
                            + "; drop it or choose one of those");
        }
        if (weightDecay != null && kind != Kind.ADAMW) {
            throw new IllegalArgumentException(
                    "--weight-decay is for --optimizer adamw, not "
                            + kind.optionName()
                            + "; drop it or choose adamw");
        }
        double rate = learningRate();
        double mu = momentum != null ? momentum : DEFAULT_MOMENTUM;
        return switch (kind) {
            case SGD -> new SGD(rate);
            case MOMENTUM -> SGD.momentum(rate, mu);
            case NESTEROV -> SGD.nesterov(rate, mu);
            case ADAM -> new Adam(rate);
            case ADAMW -> new AdamW(rate, weightDecay != null ? weightDecay : DEFAULT_WEIGHT_DECAY);
        };
    }

    /** Picocli's converter for optimizer names, which are lower case. */
    static final class KindConverter implements ITypeConverter<Kind> {
        @Override
        public Kind convert(String value) {
            for (Kind kind : Kind.values()) {
                if (kind.optionName().equals(value)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException(
                    "unknown optimizer '"
                            + value
                            + "'; expected one of "
                            + Arrays.stream(Kind.values())
                                    .map(Kind::optionName)
                                    .collect(Collectors.joining(", ")));
        }
    }
}

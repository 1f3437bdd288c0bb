package org.backprop4j.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.backprop4j.data.Batch;
import org.backprop4j.data.Dataset;
import org.backprop4j.loss.Loss;
import org.backprop4j.loss.LossResult;
import org.backprop4j.nn.Layer;
import org.backprop4j.nn.Parameter;
import org.backprop4j.nn.Tape;
import org.backprop4j.optim.Optimizer;
import org.backprop4j.random.PortableRandom;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Tensor;
import org.backprop4j.tensor.TensorScope;

/**
 * Mini-batch training: for each epoch, shuffle, then for each batch zero the gradients, forward,
 * loss, backward and step; after each epoch evaluate the metrics and ask whether to stop.
 *
 * <p>Each step runs in a {@link TensorScope}, so backends with native memory free its temporaries;
 * the optimizer steps outside it. Shuffling is seeded, so the same seed gives the same batches on
 * every backend. A loss that becomes NaN or infinite throws {@link TrainingDivergedException}.
 *
 * @param <Y> the type of the targets
 */
public final class Trainer<Y> {
    private final Layer model;

    /** The model's parameters, listed once: every step zeroes and updates the same ones. */
    private final List<Parameter> parameters;

    private final Loss<Y> loss;
    private final Optimizer optimizer;
    private final int epochs;
    private final int batchSize;
    private final boolean shuffle;
    private final boolean dropLast;
    private final long seed;
    private final Map<String, ToDoubleFunction<Layer>> metrics;
    private final Predicate<EpochResult> stopWhen;
    private final List<TrainingListener> listeners;

    private Trainer(Builder<Y> builder) {
        this.model = builder.model;
        this.parameters = builder.model.parameters();
        this.loss = builder.loss;
        this.optimizer = builder.optimizer;
        this.epochs = builder.epochs;
        this.batchSize = builder.batchSize;
        this.shuffle = builder.shuffle;
        this.dropLast = builder.dropLast;
        this.seed = builder.seed;
        this.metrics = new LinkedHashMap<>(builder.metrics);
        this.stopWhen = builder.stopWhen;
        this.listeners = List.copyOf(builder.listeners);
    }

    /** A builder for training {@code model} with {@code loss} and {@code optimizer}. */
    public static <Y> Builder<Y> builder(Layer model, Loss<Y> loss, Optimizer optimizer) {
        return new Builder<>(model, loss, optimizer);
    }

    /** Trains on {@code data} and returns what every epoch did. */
    public TrainingHistory fit(Dataset<Y> data) {
        Tensor first = parameters.get(0).value();
        Backend backend = first.backend();
        DType dtype = first.dtype();
        int steps = dropLast ? data.size() / batchSize : (data.size() + batchSize - 1) / batchSize;
        if (steps == 0) {
            throw new IllegalArgumentException(
                    "No full batch of "
                            + batchSize
                            + " in "
                            + data.size()
                            + " samples; lower the batch size or keep the last partial batch");
        }
        int[] order = identity(data.size());
        PortableRandom random = new PortableRandom(seed);
        List<EpochResult> results = new ArrayList<>();
        double[] stepLosses = new double[epochs * steps];

        for (int epoch = 1; epoch <= epochs; epoch++) {
            int currentEpoch = epoch;
            listeners.forEach(listener -> listener.onEpochStart(currentEpoch, steps));
            if (shuffle) {
                random.shuffleInPlace(order);
            }
            long start = System.nanoTime();
            double lossSum = 0;
            int seen = 0;
            for (int step = 1; step <= steps; step++) {
                int from = (step - 1) * batchSize;
                int[] indices = slice(order, from, Math.min(from + batchSize, data.size()));
                double value = step(data.batch(indices, backend, dtype), epoch, step);
                stepLosses[(epoch - 1) * steps + step - 1] = value;
                lossSum += value * indices.length;
                seen += indices.length;
                int currentStep = step;
                listeners.forEach(listener -> listener.onStep(currentEpoch, currentStep, value));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, Double> measured = new LinkedHashMap<>();
            metrics.forEach((name, metric) -> measured.put(name, metric.applyAsDouble(model)));
            EpochResult result = new EpochResult(epoch, lossSum / seen, seconds, measured);
            results.add(result);
            listeners.forEach(listener -> listener.onEpochEnd(result));
            if (stopWhen.test(result)) {
                break;
            }
        }
        int stepsRun = results.size() * steps;
        return new TrainingHistory(results, java.util.Arrays.copyOf(stepLosses, stepsRun));
    }

    /**
     * One step on {@code batch}, exactly as {@link #fit} takes each: zero the gradients, forward,
     * loss, backward in a {@link TensorScope} that frees the temporaries, then the optimizer's
     * update. For callers that drive the steps themselves, such as benchmarks.
     *
     * @param epoch the epoch that the error names if the loss is not finite
     * @param step the step within it, likewise
     * @return the loss before the update
     * @throws TrainingDivergedException if the loss is NaN or infinite; nothing is updated then
     */
    public double step(Batch<Y> batch, int epoch, int step) {
        double value;
        try (TensorScope scope = batch.inputs().backend().openScope()) {
            parameters.forEach(Parameter::zeroGradient);
            Tape tape = Tape.recording();
            LossResult result = loss.evaluate(model.forward(batch.inputs(), tape), batch.targets());
            value = result.value();
            if (!Double.isFinite(value)) {
                throw new TrainingDivergedException(epoch, step, value, optimizer.toString());
            }
            model.backwardParameters(result.gradient(), tape);
        }
        optimizer.step(parameters);
        return value;
    }

    private static int[] identity(int size) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        return order;
    }

    private static int[] slice(int[] order, int from, int to) {
        return java.util.Arrays.copyOfRange(order, from, to);
    }

    /**
     * Settings of a {@link Trainer}. Defaults: 10 epochs, batch 128, shuffled with seed 0, the last
     * partial batch kept, no metrics, no early stop.
     */
    public static final class Builder<Y> {
        private final Layer model;
        private final Loss<Y> loss;
        private final Optimizer optimizer;
        private int epochs = 10;
        private int batchSize = 128;
        private boolean shuffle = true;
        private boolean dropLast = false;
        private long seed = 0;
        private final Map<String, ToDoubleFunction<Layer>> metrics = new LinkedHashMap<>();
        private Predicate<EpochResult> stopWhen = result -> false;
        private final List<TrainingListener> listeners = new ArrayList<>();

        private Builder(Layer model, Loss<Y> loss, Optimizer optimizer) {
            this.model = Objects.requireNonNull(model, "model");
            this.loss = Objects.requireNonNull(loss, "loss");
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        }

        public Builder<Y> epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        public Builder<Y> batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Whether to shuffle the samples before each epoch. */
        public Builder<Y> shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** Whether to skip the last batch when it is smaller than the batch size. */
        public Builder<Y> dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        /** The seed of the shuffles. */
        public Builder<Y> seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** A value measured on the model after each epoch, such as a test accuracy. */
        public Builder<Y> metric(String name, ToDoubleFunction<Layer> metric) {
            metrics.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(metric));
            return this;
        }

        /** Stops after the first epoch whose result passes {@code condition}. */
        public Builder<Y> stopWhen(Predicate<EpochResult> condition) {
            this.stopWhen = Objects.requireNonNull(condition, "condition");
            return this;
        }

        public Builder<Y> listener(TrainingListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * The trainer.
         *
         * @throws IllegalArgumentException if epochs or batch size are not positive, or the model
         *     has no parameters
         */
        public Trainer<Y> build() {
            if (epochs <= 0 || batchSize <= 0) {
                throw new IllegalArgumentException(
                        "Epochs and batch size must be positive, got "
                                + epochs
                                + " and "
                                + batchSize);
            }
            if (model.parameters().isEmpty()) {
                throw new IllegalArgumentException(model + " has no parameters to train");
            }
            return new Trainer<>(this);
        }
    }
}

package org.backprop4j.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.backprop4j.loss.Loss;
import org.backprop4j.loss.LossResult;
import org.backprop4j.nn.Layer;
import org.backprop4j.nn.Parameter;
import org.backprop4j.nn.Tape;
import org.backprop4j.random.PortableRandom;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Tensor;

/**
 * Compares analytic gradients from {@code backward} with central differences {@code (f(x + h) - f(x
 * - h)) / 2h}, in float64.
 *
 * <p>Each checked entry gets the error {@code |analytic - numerical| / max(|analytic|, |numerical|,
 * floor)}: relative for entries of ordinary size, and absolute (scaled by {@code 1 / floor}) for
 * entries so small that the rounding noise of the difference quotient, about {@code 1e-16 |f| / h},
 * would swamp a relative measure. The report names the worst entry.
 *
 * <p>A check runs every pass in one mode. By default that is training: each evaluation is a forward
 * pass on a new {@link Tape#recording()} tape, so {@link org.backprop4j.nn.BatchNorm} normalizes
 * with the batch's statistics, and {@link org.backprop4j.nn.Dropout} drops elements, which holds
 * still only with a {@link org.backprop4j.nn.MaskSource#repeating} mask source. {@link
 * #inInference()} checks the other mode: passes on {@link Tape#inference()} and backward through a
 * {@link Tape#recordingInference()} tape.
 *
 * <p>Checks read and write parameter values and buffers (both restored bit for bit afterwards) and
 * overwrite parameter gradients, so run them on a model no other thread is using.
 */
public final class GradientCheck {
    private static final double DEFAULT_STEP = 1e-6;
    private static final double DEFAULT_FLOOR = 1e-3;

    private final double step;
    private final double floor;
    private final int entriesPerTensor;
    private final long seed;
    private final boolean training;

    private GradientCheck(
            double step, double floor, int entriesPerTensor, long seed, boolean training) {
        this.step = step;
        this.floor = floor;
        this.entriesPerTensor = entriesPerTensor;
        this.seed = seed;
        this.training = training;
    }

    /**
     * Step {@value #DEFAULT_STEP}, floor {@value #DEFAULT_FLOOR}, every entry checked, in training
     * mode.
     */
    public static GradientCheck withDefaults() {
        return new GradientCheck(DEFAULT_STEP, DEFAULT_FLOOR, Integer.MAX_VALUE, 1, true);
    }

    /** The same check with step {@code h} of the central difference. */
    public GradientCheck step(double h) {
        if (!(h > 0)) {
            throw new IllegalArgumentException("The step must be positive, got " + h);
        }
        return new GradientCheck(h, floor, entriesPerTensor, seed, training);
    }

    /** The same check with the magnitude below which errors count as absolute. */
    public GradientCheck floor(double magnitude) {
        return new GradientCheck(step, magnitude, entriesPerTensor, seed, training);
    }

    /**
     * The same check on at most {@code count} entries of each tensor, picked by {@code seed}: a 784
     * x 128 weight has 100,352 entries, and each costs two forward passes.
     */
    public GradientCheck sample(int count, long seed) {
        if (count <= 0) {
            throw new IllegalArgumentException("The sample must be positive, got " + count);
        }
        return new GradientCheck(step, floor, count, seed, training);
    }

    /** The same check with every pass on a training tape; the default. */
    public GradientCheck inTraining() {
        return new GradientCheck(step, floor, entriesPerTensor, seed, true);
    }

    /** The same check with every pass in inference mode; see the class comment. */
    public GradientCheck inInference() {
        return new GradientCheck(step, floor, entriesPerTensor, seed, false);
    }

    /**
     * Checks a layer's input and parameter gradients, using the objective {@code f =
     * sum(forward(input) * r)} for a fixed random {@code r}, whose gradient with respect to the
     * output is {@code r}.
     */
    public GradientCheckReport layer(Layer layer, Tensor input) {
        requireFloat64(input);
        Backend backend = input.backend();
        Map<String, double[]> buffers = snapshot(layer);
        try {
            layer.parameters().forEach(Parameter::zeroGradient);
            Tape tape = backwardTape();
            Tensor projection = randomLike(layer.forward(input, tape));
            Tensor inputGradient = layer.backward(projection, tape);

            Objective objective = x -> backend.sum(backend.mul(pass(layer, x), projection));
            return compare(layer, objective, input, inputGradient);
        } finally {
            restoreInPlace(layer, buffers);
        }
    }

    /** Checks dL/d(prediction) of a loss. */
    public <Y> GradientCheckReport loss(Loss<Y> loss, Tensor prediction, Y target) {
        requireFloat64(prediction);
        Tensor analytic = loss.evaluate(prediction, target).gradient();
        List<GradientCheckReport.Entry> entries = new ArrayList<>();
        checkInput(x -> loss.value(x, target), prediction, analytic, "prediction", entries);
        return new GradientCheckReport(entries);
    }

    /** Checks the gradients of {@code loss(network(input), target)}: parameters and input. */
    public <Y> GradientCheckReport network(Layer network, Loss<Y> loss, Tensor input, Y target) {
        requireFloat64(input);
        Map<String, double[]> buffers = snapshot(network);
        try {
            network.parameters().forEach(Parameter::zeroGradient);
            Tape tape = backwardTape();
            LossResult result = loss.evaluate(network.forward(input, tape), target);
            Tensor inputGradient = network.backward(result.gradient(), tape);

            Objective objective = x -> loss.value(pass(network, x), target);
            return compare(network, objective, input, inputGradient);
        } finally {
            restoreInPlace(network, buffers);
        }
    }

    private Tape backwardTape() {
        return training ? Tape.recording() : Tape.recordingInference();
    }

    /** One forward pass of the objective, in this check's mode. */
    private Tensor pass(Layer layer, Tensor input) {
        return training ? layer.forward(input, Tape.recording()) : layer.predict(input);
    }

    /** The buffers' values, since training passes update running statistics. */
    private static Map<String, double[]> snapshot(Layer layer) {
        Map<String, double[]> values = new LinkedHashMap<>();
        layer.namedBuffers().forEach((name, buffer) -> values.put(name, buffer.toDoubleArray()));
        return values;
    }

    private static void restoreInPlace(Layer layer, Map<String, double[]> values) {
        layer.namedBuffers()
                .forEach(
                        (name, buffer) -> {
                            Backend backend = buffer.backend();
                            Tensor saved =
                                    backend.fromArray(
                                            values.get(name), buffer.shape(), buffer.dtype());
                            backend.copyInPlace(buffer, saved);
                        });
    }

    private GradientCheckReport compare(
            Layer layer, Objective objective, Tensor input, Tensor inputGradient) {
        List<GradientCheckReport.Entry> entries = new ArrayList<>();
        checkInput(objective, input, inputGradient, "input", entries);
        layer.namedParameters()
                .forEach(
                        (name, parameter) ->
                                checkParameter(
                                        () -> objective.at(input), parameter, name, entries));
        return new GradientCheckReport(entries);
    }

    private void checkInput(
            Objective objective,
            Tensor input,
            Tensor analytic,
            String name,
            List<GradientCheckReport.Entry> entries) {
        Backend backend = input.backend();
        double[] values = input.toDoubleArray();
        double[] gradient = analytic.toDoubleArray();
        for (int index : indices(values.length)) {
            double original = values[index];
            values[index] = original + step;
            double above = objective.at(backend.fromArray(values, input.shape(), input.dtype()));
            values[index] = original - step;
            double below = objective.at(backend.fromArray(values, input.shape(), input.dtype()));
            values[index] = original;
            entries.add(entry(name, input.cols(), index, gradient[index], above, below));
        }
    }

    private void checkParameter(
            DoubleSupplier objective,
            Parameter parameter,
            String name,
            List<GradientCheckReport.Entry> entries) {
        Tensor value = parameter.value();
        Backend backend = value.backend();
        double[] values = value.toDoubleArray();
        double[] gradient = parameter.gradient().toDoubleArray();
        try {
            for (int index : indices(values.length)) {
                double original = values[index];
                values[index] = original + step;
                backend.copyInPlace(value, backend.fromArray(values, value.shape(), value.dtype()));
                double above = objective.getAsDouble();
                values[index] = original - step;
                backend.copyInPlace(value, backend.fromArray(values, value.shape(), value.dtype()));
                double below = objective.getAsDouble();
                values[index] = original;
                entries.add(entry(name, value.cols(), index, gradient[index], above, below));
            }
        } finally {
            backend.copyInPlace(value, backend.fromArray(values, value.shape(), value.dtype()));
        }
    }

    private GradientCheckReport.Entry entry(
            String name, int cols, int index, double analytic, double above, double below) {
        double numerical = (above - below) / (2 * step);
        double scale = Math.max(floor, Math.max(Math.abs(analytic), Math.abs(numerical)));
        double error = Math.abs(analytic - numerical) / scale;
        if (Double.isNaN(error)) {
            error = Double.POSITIVE_INFINITY;
        }
        return new GradientCheckReport.Entry(
                name + "[" + index / cols + "," + index % cols + "]", analytic, numerical, error);
    }

    private int[] indices(int length) {
        int[] all = new int[length];
        for (int i = 0; i < length; i++) {
            all[i] = i;
        }
        if (length <= entriesPerTensor) {
            return all;
        }
        new PortableRandom(seed + length).shuffleInPlace(all);
        int[] sample = Arrays.copyOf(all, entriesPerTensor);
        Arrays.sort(sample);
        return sample;
    }

    private Tensor randomLike(Tensor like) {
        PortableRandom random = new PortableRandom(seed);
        double[] values = new double[(int) like.shape().size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = 2 * random.nextDouble() - 1;
        }
        return like.backend().fromArray(values, like.shape(), like.dtype());
    }

    private static void requireFloat64(Tensor input) {
        if (input.dtype() != DType.FLOAT64) {
            throw new IllegalArgumentException(
                    "Gradient checks run in float64, got "
                            + input.dtype()
                            + ": in float32 the difference quotient is mostly rounding noise");
        }
    }

    /** The scalar whose gradient is checked, as a function of the input. */
    private interface Objective {
        double at(Tensor input);
    }
}

package org.backprop4j.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backprop4j.nn.Layer;
import org.backprop4j.nn.Parameter;
import org.backprop4j.optim.Optimizer;
import org.backprop4j.optim.OptimizerState;
import org.backprop4j.optim.OptimizerState.ParameterState;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.Tensor;

/**
 * Saves a model with its optimizer's state in one safetensors file, and loads both back, so that
 * training resumes exactly where it stopped, on any backend.
 *
 * <p>The file is a {@link ModelFiles} file with more in it, so {@link ModelFiles#load} reads it as
 * a plain model. Everything the optimizer adds is named under {@value #PREFIX}, which parameter
 * names may not start with:
 *
 * <ul>
 *   <li>for each parameter the optimizer has seen, one tensor per state slot, {@code
 *       optimizer.<parameter>.<slot>} (such as {@code optimizer.0.weight.m}), with the parameter's
 *       shape and data type, and its step count as a 1x1 float64 tensor {@code
 *       optimizer.<parameter>.step};
 *   <li>in the metadata, {@code optimizer.kind} (such as {@code adam}), {@code optimizer.steps} and
 *       each hyper-parameter as {@code optimizer.hyper.<name>}.
 * </ul>
 *
 * <p>Not thread-safe with respect to the model or the optimizer.
 */
public final class Checkpoints {
    /** The prefix of every tensor name and metadata key that holds the optimizer's state. */
    public static final String PREFIX = "optimizer.";

    static final String KIND = PREFIX + "kind";
    static final String STEPS = PREFIX + "steps";
    static final String HYPER = PREFIX + "hyper.";
    static final String STEP_SLOT = "step";

    /** Step counts are stored in float64, which holds every integer up to 2^53 exactly. */
    private static final double LARGEST_STEP = 0x1p53;

    private Checkpoints() {}

    /** Whether a tensor name or metadata key belongs to the optimizer's state. */
    static boolean isOptimizerEntry(String name) {
        return name.startsWith(PREFIX);
    }

    /**
     * Whether {@code path} holds an optimizer's state that {@link #load} could restore, as {@link
     * #save} writes it; a plain model file does not.
     *
     * @throws ModelFileException when the file breaks the format
     * @throws IOException when the file cannot be read
     */
    public static boolean holdsOptimizerState(Path path) throws IOException {
        return Safetensors.read(path).metadata().containsKey(KIND);
    }

    /**
     * Writes every parameter of {@code model} and the state of {@code optimizer} to {@code path},
     * replacing any file there atomically (see {@link Safetensors#write}).
     *
     * @param metadata stored beside the optimizer's entries; may be empty
     * @throws IllegalArgumentException if a parameter name or metadata key starts with {@value
     *     #PREFIX}, or the optimizer holds state for a parameter that is not in {@code model}
     * @throws UnsupportedOperationException if the optimizer cannot export its state
     * @throws IOException when the file cannot be written; the previous file is then unchanged
     */
    public static void save(
            Path path, Layer model, Optimizer optimizer, Map<String, String> metadata)
            throws IOException {
        Map<String, Parameter> parameters = model.namedParameters();
        requireOutsidePrefix("parameter", parameters.keySet());
        requireOutsidePrefix("buffer", model.namedBuffers().keySet());
        requireOutsidePrefix("metadata key", metadata.keySet());
        OptimizerState state = optimizer.state();
        Map<Parameter, String> names = new IdentityHashMap<>();
        parameters.forEach((name, parameter) -> names.put(parameter, name));

        Map<String, TensorData> tensors = ModelFiles.tensorsOf(model);
        state.parameters()
                .forEach(
                        (parameter, saved) ->
                                putState(tensors, name(names, parameter, optimizer), saved));
        Map<String, String> allMetadata = new LinkedHashMap<>(metadata);
        allMetadata.put(KIND, state.kind());
        allMetadata.put(STEPS, Long.toString(state.steps()));
        state.hyperParameters().forEach((name, value) -> allMetadata.put(HYPER + name, value));
        Safetensors.write(path, new SafetensorsFile(tensors, allMetadata));
    }

    /**
     * Overwrites every parameter of {@code model} with the file's values, as {@link
     * ModelFiles#load} does, and replaces the state of {@code optimizer} with the file's, on the
     * backends the parameters live on. The optimizer's next step is then the one the saved
     * optimizer would have taken.
     *
     * <p>Nothing is changed unless all of it fits: the file's parameters must be the model's (see
     * {@link ModelFiles#load}), and its optimizer state must be of the optimizer's kind and
     * hyper-parameters (see {@link Optimizer#loadState}), for parameters of the model, with their
     * shapes.
     *
     * @return the file's metadata without the optimizer's entries
     * @throws ModelFileException when the file breaks the format, holds no optimizer state, or its
     *     parameters or state do not fit, with every problem listed
     * @throws UnsupportedOperationException if the optimizer cannot take back a saved state
     * @throws IOException when the file cannot be read
     */
    public static Map<String, String> load(Path path, Layer model, Optimizer optimizer)
            throws IOException {
        SafetensorsFile file = Safetensors.read(path);
        Map<String, Parameter> parameters = model.namedParameters();
        Runnable overwrite = ModelFiles.checkedOverwrite(path, file, model);
        OptimizerState state = readState(path, file, parameters);
        try {
            optimizer.loadState(state);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(
                    path, "its optimizer state was refused; " + e.getMessage());
        }

        overwrite.run();
        Map<String, String> metadata = new LinkedHashMap<>(file.metadata());
        metadata.keySet().removeIf(Checkpoints::isOptimizerEntry);
        return metadata;
    }

    private static void requireOutsidePrefix(String what, Iterable<String> names) {
        for (String name : names) {
            if (isOptimizerEntry(name)) {
                throw new IllegalArgumentException(
                        "Checkpoints.save: "
                                + what
                                + " '"
                                + name
                                + "' starts with '"
                                + PREFIX
                                + "', which is kept for the optimizer's state; rename it");
            }
        }
    }

    private static String name(
            Map<Parameter, String> names, Parameter parameter, Optimizer optimizer) {
        String name = names.get(parameter);
        if (name == null) {
            throw new IllegalArgumentException(
                    "Checkpoints.save: "
                            + optimizer
                            + " holds state for "
                            + parameter
                            + ", which is not a parameter of the model; save the model the"
                            + " optimizer trains");
        }
        return name;
    }

    private static void putState(
            Map<String, TensorData> tensors, String parameter, ParameterState saved) {
        saved.slots()
                .forEach(
                        (slot, tensor) -> {
                            if (slot.contains(".") || slot.equals(STEP_SLOT)) {
                                throw new IllegalArgumentException(
                                        "Checkpoints.save: the optimizer's slot '"
                                                + slot
                                                + "' cannot be named in a file: slot names must"
                                                + " not contain '.' nor be '"
                                                + STEP_SLOT
                                                + "'");
                            }
                            tensors.put(
                                    PREFIX + parameter + "." + slot,
                                    new TensorData(
                                            tensor.dtype(),
                                            tensor.shape(),
                                            tensor.toDoubleArray()));
                        });
        tensors.put(
                PREFIX + parameter + "." + STEP_SLOT,
                new TensorData(DType.FLOAT64, Shape.of(1, 1), new double[] {saved.steps()}));
    }

    /**
     * The file's optimizer state with its tensors on the parameters' backends, or every reason it
     * cannot be read as one.
     */
    private static OptimizerState readState(
            Path path, SafetensorsFile file, Map<String, Parameter> parameters)
            throws ModelFileException {
        Map<String, String> metadata = file.metadata();
        String kind = metadata.get(KIND);
        if (kind == null) {
            throw new ModelFileException(
                    path,
                    "it holds no optimizer state (no '"
                            + KIND
                            + "' in its metadata); load it with ModelFiles.load and start a new"
                            + " optimizer, or save it with Checkpoints.save");
        }
        List<String> problems = new ArrayList<>();
        long steps = count(metadata.get(STEPS), STEPS, problems);
        Map<String, String> hyperParameters = new LinkedHashMap<>();
        metadata.forEach(
                (key, value) -> {
                    if (key.startsWith(HYPER)) {
                        hyperParameters.put(key.substring(HYPER.length()), value);
                    }
                });

        Map<String, Map<String, TensorData>> slotsByParameter = new LinkedHashMap<>();
        file.tensors()
                .forEach(
                        (name, tensor) -> {
                            if (!isOptimizerEntry(name)) {
                                return;
                            }
                            int dot = name.lastIndexOf('.');
                            String parameter =
                                    name.substring(PREFIX.length(), Math.max(dot, PREFIX.length()));
                            if (!parameters.containsKey(parameter)) {
                                problems.add(
                                        "tensor "
                                                + name
                                                + " is not the state of a parameter of the model");
                                return;
                            }
                            slotsByParameter
                                    .computeIfAbsent(parameter, key -> new LinkedHashMap<>())
                                    .put(name.substring(dot + 1), tensor);
                        });
        Map<Parameter, ParameterState> states = new LinkedHashMap<>();
        slotsByParameter.forEach(
                (name, slots) -> {
                    ParameterState state =
                            parameterState(name, parameters.get(name), slots, problems);
                    if (state != null) {
                        states.put(parameters.get(name), state);
                    }
                });
        if (!problems.isEmpty()) {
            throw new ModelFileException(
                    path,
                    "its optimizer state cannot be read: "
                            + String.join("; ", problems)
                            + ". Save the checkpoint again with Checkpoints.save");
        }
        return new OptimizerState(kind, hyperParameters, steps, states);
    }

    private static ParameterState parameterState(
            String name,
            Parameter parameter,
            Map<String, TensorData> slots,
            List<String> problems) {
        TensorData step = slots.remove(STEP_SLOT);
        String stepName = PREFIX + name + "." + STEP_SLOT;
        if (step == null) {
            problems.add("tensor " + stepName + " is missing");
            return null;
        }
        if (!step.shape().equals(Shape.of(1, 1))) {
            problems.add("tensor " + stepName + " has shape " + step.shape() + ", not 1x1");
            return null;
        }
        long steps = count(Double.toString(step.values()[0]), stepName, problems);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        slots.forEach(
                (slot, data) -> {
                    if (!data.shape().equals(parameter.shape())) {
                        problems.add(
                                "tensor "
                                        + PREFIX
                                        + name
                                        + "."
                                        + slot
                                        + " has shape "
                                        + data.shape()
                                        + ", its parameter "
                                        + parameter.shape());
                        return;
                    }
                    tensors.put(
                            slot,
                            parameter
                                    .backend()
                                    .fromArray(
                                            data.values(),
                                            parameter.shape(),
                                            parameter.value().dtype()));
                });
        return new ParameterState(steps, tensors);
    }

    /** A step count written as an integer, or as a float64 that holds one exactly. */
    private static long count(String text, String name, List<String> problems) {
        if (text == null) {
            problems.add(name + " is missing");
            return 0;
        }
        try {
            double value = Double.parseDouble(text);
            if (value >= 0 && value <= LARGEST_STEP && value == Math.rint(value)) {
                return (long) value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the name
        }
        problems.add(name + " is '" + text + "', not a whole number of steps from 0 to 2^53");
        return 0;
    }
}

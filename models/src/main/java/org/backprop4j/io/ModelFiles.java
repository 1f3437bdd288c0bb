package org.backprop4j.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backprop4j.nn.Layer;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.Tensor;
import org.backprop4j.tensor.TensorScope;

/**
 * Saves a model's parameters and buffers to a safetensors file and loads them back, on any backend.
 *
 * <p>Tensors are named by {@link Layer#namedParameters()} ({@code 0.weight}, {@code 0.bias}, ...)
 * followed by {@link Layer#namedBuffers()} (such as {@code 1.running_mean}), and keep each tensor's
 * shape and data type. Only values are stored, not the architecture: a file loads into a model
 * built with the same layers, whichever backend holds it.
 *
 * <p>Not thread-safe with respect to the model: do not train or load into a model from another
 * thread while saving or loading it.
 */
public final class ModelFiles {

    private ModelFiles() {}

    /**
     * Writes every parameter and buffer of {@code model} to {@code path}, replacing any file there
     * atomically (see {@link Safetensors#write}).
     *
     * @param metadata stored in the header's {@code __metadata__}, such as the layer widths or how
     *     the model was trained; may be empty
     * @throws IOException when the file cannot be written; the previous file is then unchanged
     */
    public static void save(Path path, Layer model, Map<String, String> metadata)
            throws IOException {
        Safetensors.write(path, new SafetensorsFile(tensorsOf(model), metadata));
    }

    /**
     * Overwrites every parameter and buffer of {@code model} with the tensor of the same name in
     * {@code path}, on whatever backend it lives. Values are converted to the model tensor's data
     * type, so a float32 file loads into a float64 model and the reverse (rounding to float).
     *
     * <p>The file must hold exactly the model's parameters and buffers with the model's shapes.
     * Otherwise nothing is changed and the exception lists every tensor the file lacks, every
     * tensor the model lacks, and every shape that differs, with both shapes. An optimizer's state
     * saved with them by {@link Checkpoints#save} is ignored, so a checkpoint loads as a model.
     *
     * @return the file's metadata
     * @throws ModelFileException when the file breaks the format (see {@link Safetensors#read}) or
     *     its tensors do not fit the model
     * @throws IOException when the file cannot be read
     */
    public static Map<String, String> load(Path path, Layer model) throws IOException {
        SafetensorsFile file = Safetensors.read(path);
        checkedOverwrite(path, file, model).run();
        return file.metadata();
    }

    /** What {@link #save} writes for {@code model}, by name, in the model's order. */
    static Map<String, TensorData> tensorsOf(Layer model) {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        stateOf(model)
                .forEach(
                        (name, value) ->
                                tensors.put(
                                        name,
                                        new TensorData(
                                                value.dtype(),
                                                value.shape(),
                                                value.toDoubleArray())));
        return tensors;
    }

    /**
     * Checks that {@code file} fits {@code model} as {@link #load} does, and returns the overwrite
     * of the model's values, so that a caller can check more before anything changes.
     */
    static Runnable checkedOverwrite(Path path, SafetensorsFile file, Layer model)
            throws ModelFileException {
        Map<String, Tensor> state = stateOf(model);
        checkFits(path, file.tensors(), state);
        return () -> state.forEach((name, target) -> overwrite(target, file.tensors().get(name)));
    }

    /** The parameter values, then the buffers, by path; one name for both is refused. */
    private static Map<String, Tensor> stateOf(Layer model) {
        Map<String, Tensor> state = new LinkedHashMap<>();
        model.namedParameters().forEach((name, parameter) -> state.put(name, parameter.value()));
        model.namedBuffers()
                .forEach(
                        (name, buffer) -> {
                            if (state.putIfAbsent(name, buffer) != null) {
                                throw new IllegalArgumentException(
                                        model
                                                + ": '"
                                                + name
                                                + "' names both a parameter and a buffer, so a"
                                                + " model file cannot tell them apart; rename one"
                                                + " in its layer");
                            }
                        });
        return state;
    }

    // The scope exists only to free the temporary source tensor on native backends.
    @SuppressWarnings("try")
    private static void overwrite(Tensor target, TensorData tensor) {
        Backend backend = target.backend();
        try (TensorScope scope = backend.openScope()) {
            Tensor source = backend.fromArray(tensor.values(), target.shape(), target.dtype());
            backend.copyInPlace(target, source);
        }
    }

    private static void checkFits(
            Path path, Map<String, TensorData> tensors, Map<String, Tensor> state)
            throws ModelFileException {
        List<String> missing = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        state.forEach(
                (name, target) -> {
                    TensorData tensor = tensors.get(name);
                    if (tensor == null) {
                        missing.add(name);
                    } else if (!tensor.shape().equals(target.shape())) {
                        mismatched.add(
                                name
                                        + " (file "
                                        + tensor.shape()
                                        + ", model "
                                        + target.shape()
                                        + ")");
                    }
                });
        List<String> unexpected = new ArrayList<>(tensors.keySet());
        unexpected.removeAll(state.keySet());
        unexpected.removeIf(Checkpoints::isOptimizerEntry);
        if (missing.isEmpty() && unexpected.isEmpty() && mismatched.isEmpty()) {
            return;
        }

        StringBuilder problem = new StringBuilder("its tensors do not fit the model");
        appendList(problem, "missing from the file", missing);
        appendList(problem, "not in the model", unexpected);
        appendList(problem, "different shapes", mismatched);
        problem.append(
                ". Build the model with the layers and widths the file was saved from, or save"
                        + " the file again from this model");
        throw new ModelFileException(path, problem.toString());
    }

    private static void appendList(StringBuilder problem, String label, List<String> names) {
        if (!names.isEmpty()) {
            problem.append("; ").append(label).append(": ").append(String.join(", ", names));
        }
    }
}

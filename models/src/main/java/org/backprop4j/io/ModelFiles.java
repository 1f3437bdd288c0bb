package org.backprop4j.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backprop4j.nn.Layer;
import org.backprop4j.nn.Parameter;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.Tensor;
import org.backprop4j.tensor.TensorScope;

/**
 * Saves a model's parameters to a safetensors file and loads them back, on any backend.
 *
 * <p>Tensors are named by {@link Layer#namedParameters()} ({@code 0.weight}, {@code 0.bias}, ...)
 * and keep each parameter's shape and data type. Only parameter values are stored, not the
 * architecture: a file loads into a model built with the same layers, whichever backend holds it.
 *
 * <p>Not thread-safe with respect to the model: do not train or load into a model from another
 * thread while saving or loading it.
 */
public final class ModelFiles {

    private ModelFiles() {}

    /**
     * Writes every parameter of {@code model} to {@code path}, replacing any file there atomically
     * (see {@link Safetensors#write}).
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
     * Overwrites every parameter of {@code model} with the tensor of the same name in {@code path},
     * on whatever backend the parameter lives. Values are converted to the parameter's data type,
     * so a float32 file loads into a float64 model and the reverse (rounding to float).
     *
     * <p>The file must hold exactly the model's parameters with the model's shapes. Otherwise
     * nothing is changed and the exception lists every parameter the file lacks, every tensor the
     * model lacks, and every shape that differs, with both shapes. An optimizer's state saved with
     * the parameters by {@link Checkpoints#save} is ignored, so a checkpoint loads as a model.
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
        model.namedParameters()
                .forEach(
                        (name, parameter) -> {
                            Tensor value = parameter.value();
                            tensors.put(
                                    name,
                                    new TensorData(
                                            value.dtype(), value.shape(), value.toDoubleArray()));
                        });
        return tensors;
    }

    /**
     * Checks that {@code file} fits {@code model} as {@link #load} does, and returns the overwrite
     * of the model's values, so that a caller can check more before anything changes.
     */
    static Runnable checkedOverwrite(Path path, SafetensorsFile file, Layer model)
            throws ModelFileException {
        Map<String, Parameter> parameters = model.namedParameters();
        checkFits(path, file.tensors(), parameters);
        return () ->
                parameters.forEach(
                        (name, parameter) -> overwrite(parameter, file.tensors().get(name)));
    }

    // The scope exists only to free the temporary source tensor on native backends.
    @SuppressWarnings("try")
    private static void overwrite(Parameter parameter, TensorData tensor) {
        Tensor target = parameter.value();
        Backend backend = target.backend();
        try (TensorScope scope = backend.openScope()) {
            Tensor source = backend.fromArray(tensor.values(), target.shape(), target.dtype());
            backend.copyInPlace(target, source);
        }
    }

    private static void checkFits(
            Path path, Map<String, TensorData> tensors, Map<String, Parameter> parameters)
            throws ModelFileException {
        List<String> missing = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        parameters.forEach(
                (name, parameter) -> {
                    TensorData tensor = tensors.get(name);
                    if (tensor == null) {
                        missing.add(name);
                    } else if (!tensor.shape().equals(parameter.shape())) {
                        mismatched.add(
                                name
                                        + " (file "
                                        + tensor.shape()
                                        + ", model "
                                        + parameter.shape()
                                        + ")");
                    }
                });
        List<String> unexpected = new ArrayList<>(tensors.keySet());
        unexpected.removeAll(parameters.keySet());
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

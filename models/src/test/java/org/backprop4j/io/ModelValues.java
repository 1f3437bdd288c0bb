package org.backprop4j.io;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backprop4j.nn.Layer;
import org.backprop4j.tensor.Tensor;

/** A model's values by name, boxed so that equality compares contents: for model-file tests. */
final class ModelValues {
    private ModelValues() {}

    /** Every parameter's values by name. */
    static Map<String, List<Double>> parameters(Layer model) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        model.namedParameters().forEach((name, parameter) -> tensors.put(name, parameter.value()));
        return boxed(tensors);
    }

    /** Every buffer's values by name. */
    static Map<String, List<Double>> buffers(Layer model) {
        return boxed(model.namedBuffers());
    }

    private static Map<String, List<Double>> boxed(Map<String, Tensor> tensors) {
        Map<String, List<Double>> values = new LinkedHashMap<>();
        tensors.forEach(
                (name, tensor) ->
                        values.put(name, Arrays.stream(tensor.toDoubleArray()).boxed().toList()));
        return values;
    }
}

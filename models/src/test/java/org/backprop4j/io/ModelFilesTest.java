package org.backprop4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backprop4j.models.Mlp;
import org.backprop4j.nn.Layer;
import org.backprop4j.nn.Parameter;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {

    @TempDir Path dir;

    private final Backend saving = new StorageOnlyBackend("saving");
    private final Backend loading = new StorageOnlyBackend("loading");

    @Test
    void aSavedModelLoadsIntoAnotherOnAnotherBackend() throws Exception {
        Layer original = Mlp.builder(3, 4, 2).seed(1).build(saving);
        Layer copy = Mlp.builder(3, 4, 2).seed(2).build(loading);
        Path path = dir.resolve("mlp.safetensors");
        assertNotEquals(values(original), values(copy));

        ModelFiles.save(path, original, Map.of("widths", "3,4,2"));
        Map<String, String> metadata = ModelFiles.load(path, copy);

        assertEquals(Map.of("widths", "3,4,2"), metadata);
        assertEquals(values(original), values(copy));
        for (Parameter parameter : copy.parameters()) {
            assertEquals(loading, parameter.backend());
        }
    }

    @Test
    void theFileNamesEveryParameterByItsPathInTheModel() throws Exception {
        Layer model = Mlp.builder(3, 4, 2).dtype(DType.FLOAT32).build(saving);
        Path path = dir.resolve("mlp.safetensors");

        ModelFiles.save(path, model, Map.of());
        SafetensorsFile file = Safetensors.read(path);

        assertEquals(
                List.of("0.weight", "0.bias", "2.weight", "2.bias"),
                List.copyOf(file.tensors().keySet()));
        TensorData weight = file.tensors().get("2.weight");
        assertEquals(DType.FLOAT32, weight.dtype());
        assertEquals(Shape.of(4, 2), weight.shape());
        assertArrayEquals(
                model.namedParameters().get("2.weight").value().toDoubleArray(), weight.values());
    }

    @Test
    void valuesAreConvertedToTheParametersDataType() throws Exception {
        Layer float64 = Mlp.builder(2, 3).seed(5).build(saving);
        Layer float32 = Mlp.builder(2, 3).dtype(DType.FLOAT32).build(loading);
        Path path = dir.resolve("mlp.safetensors");

        ModelFiles.save(path, float64, Map.of());
        ModelFiles.load(path, float32);

        double[] expected = float64.namedParameters().get("0.weight").value().toDoubleArray();
        double[] loaded = float32.namedParameters().get("0.weight").value().toDoubleArray();
        for (int i = 0; i < expected.length; i++) {
            assertEquals((float) expected[i], loaded[i]);
        }
    }

    @Test
    void aFileForWiderLayersIsRefusedNamingBothShapes() throws Exception {
        Path path = dir.resolve("mlp.safetensors");
        ModelFiles.save(path, Mlp.builder(3, 5, 2).build(saving), Map.of());
        Layer model = Mlp.builder(3, 4, 2).seed(9).build(loading);
        Map<String, List<Double>> before = values(model);

        ModelFileException e =
                assertThrows(ModelFileException.class, () -> ModelFiles.load(path, model));

        assertEquals(
                "Model file "
                        + path
                        + ": its tensors do not fit the model; different shapes: 0.weight (file"
                        + " 3x5, model 3x4), 0.bias (file 1x5, model 1x4), 2.weight (file 5x2,"
                        + " model 4x2). Build the model with the layers and widths the file was"
                        + " saved from, or save the file again from this model",
                e.getMessage());
        assertEquals(path, e.path());
        assertEquals(before, values(model));
    }

    @Test
    void aFileWithFewerLayersIsRefusedListingWhatIsMissing() throws Exception {
        Path path = dir.resolve("mlp.safetensors");
        ModelFiles.save(path, Mlp.builder(3, 4, 2).build(saving), Map.of());
        Layer deeper = Mlp.builder(3, 4, 4, 2).seed(9).build(loading);
        Map<String, List<Double>> before = values(deeper);

        ModelFileException e =
                assertThrows(ModelFileException.class, () -> ModelFiles.load(path, deeper));

        assertEquals(
                "Model file "
                        + path
                        + ": its tensors do not fit the model; missing from the file: 4.weight,"
                        + " 4.bias; different shapes: 2.weight (file 4x2, model 4x4), 2.bias"
                        + " (file 1x2, model 1x4). Build the model with the layers and widths the"
                        + " file was saved from, or save the file again from this model",
                e.getMessage());
        assertEquals(before, values(deeper));
    }

    @Test
    void aFileWithMoreLayersIsRefusedListingWhatTheModelLacks() throws Exception {
        Path path = dir.resolve("mlp.safetensors");
        ModelFiles.save(path, Mlp.builder(3, 4, 4, 2).build(saving), Map.of());
        Layer shallower = Mlp.builder(3, 4, 2).seed(9).build(loading);
        Map<String, List<Double>> before = values(shallower);

        ModelFileException e =
                assertThrows(ModelFileException.class, () -> ModelFiles.load(path, shallower));

        StrictJsonTest.assertContains(
                ": its tensors do not fit the model; not in the model: 4.weight, 4.bias;"
                        + " different shapes: 2.weight (file 4x4, model 4x2), 2.bias (file 1x4,"
                        + " model 1x2).",
                e.getMessage());
        assertEquals(before, values(shallower));
    }

    @Test
    void aCorruptFileLeavesTheModelUntouched() throws Exception {
        Path path = dir.resolve("mlp.safetensors");
        ModelFiles.save(path, Mlp.builder(3, 4, 2).build(saving), Map.of());
        byte[] bytes = Files.readAllBytes(path);
        Files.write(path, Arrays.copyOf(bytes, bytes.length - 1));
        Layer model = Mlp.builder(3, 4, 2).seed(9).build(loading);
        Map<String, List<Double>> before = values(model);

        ModelFileException e =
                assertThrows(ModelFileException.class, () -> ModelFiles.load(path, model));

        StrictJsonTest.assertContains("the file is truncated", e.getMessage());
        assertEquals(before, values(model));
    }

    /** Every parameter's values by name, boxed so that equality compares contents. */
    private static Map<String, List<Double>> values(Layer model) {
        Map<String, List<Double>> values = new LinkedHashMap<>();
        model.namedParameters()
                .forEach(
                        (name, parameter) ->
                                values.put(
                                        name,
                                        Arrays.stream(parameter.value().toDoubleArray())
                                                .boxed()
                                                .toList()));
        return values;
    }
}

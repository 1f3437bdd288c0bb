package org.backprop4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.backprop4j.models.Mlp;
import org.backprop4j.nn.BatchNorm;
import org.backprop4j.nn.Initializer;
import org.backprop4j.nn.Layer;
import org.backprop4j.nn.Linear;
import org.backprop4j.nn.Parameter;
import org.backprop4j.nn.Sequential;
import org.backprop4j.nn.Tape;
import org.backprop4j.random.PortableRandom;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.Tensor;
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
        assertNotEquals(ModelValues.parameters(original), ModelValues.parameters(copy));

        ModelFiles.save(path, original, Map.of("widths", "3,4,2"));
        Map<String, String> metadata = ModelFiles.load(path, copy);

        assertEquals(Map.of("widths", "3,4,2"), metadata);
        assertEquals(ModelValues.parameters(original), ModelValues.parameters(copy));
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
        Map<String, List<Double>> before = ModelValues.parameters(model);

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
        assertEquals(before, ModelValues.parameters(model));
    }

    @Test
    void aFileWithFewerLayersIsRefusedListingWhatIsMissing() throws Exception {
        Path path = dir.resolve("mlp.safetensors");
        ModelFiles.save(path, Mlp.builder(3, 4, 2).build(saving), Map.of());
        Layer deeper = Mlp.builder(3, 4, 4, 2).seed(9).build(loading);
        Map<String, List<Double>> before = ModelValues.parameters(deeper);

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
        assertEquals(before, ModelValues.parameters(deeper));
    }

    @Test
    void aFileWithMoreLayersIsRefusedListingWhatTheModelLacks() throws Exception {
        Path path = dir.resolve("mlp.safetensors");
        ModelFiles.save(path, Mlp.builder(3, 4, 4, 2).build(saving), Map.of());
        Layer shallower = Mlp.builder(3, 4, 2).seed(9).build(loading);
        Map<String, List<Double>> before = ModelValues.parameters(shallower);

        ModelFileException e =
                assertThrows(ModelFileException.class, () -> ModelFiles.load(path, shallower));

        StrictJsonTest.assertContains(
                ": its tensors do not fit the model; not in the model: 4.weight, 4.bias;"
                        + " different shapes: 2.weight (file 4x4, model 4x2), 2.bias (file 1x4,"
                        + " model 1x2).",
                e.getMessage());
        assertEquals(before, ModelValues.parameters(shallower));
    }

    @Test
    void aCorruptFileLeavesTheModelUntouched() throws Exception {
        Path path = dir.resolve("mlp.safetensors");
        ModelFiles.save(path, Mlp.builder(3, 4, 2).build(saving), Map.of());
        byte[] bytes = Files.readAllBytes(path);
        Files.write(path, Arrays.copyOf(bytes, bytes.length - 1));
        Layer model = Mlp.builder(3, 4, 2).seed(9).build(loading);
        Map<String, List<Double>> before = ModelValues.parameters(model);

        ModelFileException e =
                assertThrows(ModelFileException.class, () -> ModelFiles.load(path, model));

        StrictJsonTest.assertContains("the file is truncated", e.getMessage());
        assertEquals(before, ModelValues.parameters(model));
    }

    @Test
    void buffersRoundTripWithTheParametersUnderTheirPathsInTheModel() throws Exception {
        Sequential original = linearThenBatchNorm(saving, 1);
        BatchNorm norm = (BatchNorm) original.layers().get(1);
        saving.copyInPlace(norm.runningMean(), row(saving, 0.25, -1.5));
        saving.copyInPlace(norm.runningVar(), row(saving, 2.0, 0.125));
        saving.copyInPlace(norm.gamma().value(), row(saving, 0.5, 3.0));
        Sequential copy = linearThenBatchNorm(loading, 2);
        Path path = dir.resolve("norm.safetensors");

        ModelFiles.save(path, original, Map.of());
        ModelFiles.load(path, copy);

        assertEquals(
                List.of(
                        "0.weight",
                        "0.bias",
                        "1.gamma",
                        "1.beta",
                        "1.running_mean",
                        "1.running_var"),
                List.copyOf(Safetensors.read(path).tensors().keySet()));
        assertEquals(ModelValues.parameters(original), ModelValues.parameters(copy));
        assertEquals(ModelValues.buffers(original), ModelValues.buffers(copy));
        assertEquals(List.of(0.25, -1.5), ModelValues.buffers(copy).get("1.running_mean"));
        assertEquals(List.of(2.0, 0.125), ModelValues.buffers(copy).get("1.running_var"));
    }

    @Test
    void aFileWithoutTheBuffersIsRefusedNamingThem() throws Exception {
        Path path = dir.resolve("linear.safetensors");
        ModelFiles.save(path, new Sequential(linear(saving, 1)), Map.of());
        Sequential model = linearThenBatchNorm(loading, 2);
        Map<String, List<Double>> before = ModelValues.buffers(model);

        ModelFileException e =
                assertThrows(ModelFileException.class, () -> ModelFiles.load(path, model));

        StrictJsonTest.assertContains(
                "missing from the file: 1.gamma, 1.beta, 1.running_mean, 1.running_var.",
                e.getMessage());
        assertEquals(before, ModelValues.buffers(model));
    }

    @Test
    void aBufferNamedLikeAParameterIsRefused() {
        Parameter weight = new Parameter("weight", row(saving, 1, 2));
        Layer clash =
                new Layer() {
                    @Override
                    public Tensor forward(Tensor input, Tape tape) {
                        return input;
                    }

                    @Override
                    public Tensor backward(Tensor gradOutput, Tape tape) {
                        return gradOutput;
                    }

                    @Override
                    public List<Parameter> parameters() {
                        return List.of(weight);
                    }

                    @Override
                    public Map<String, Tensor> namedBuffers() {
                        return Map.of("weight", row(saving, 3, 4));
                    }

                    @Override
                    public String toString() {
                        return "Clash";
                    }
                };

        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ModelFiles.save(dir.resolve("clash.safetensors"), clash, Map.of()));

        assertEquals(
                "Clash: 'weight' names both a parameter and a buffer, so a model file cannot tell"
                        + " them apart; rename one in its layer",
                e.getMessage());
    }

    private static Sequential linearThenBatchNorm(Backend backend, long seed) {
        return new Sequential(linear(backend, seed), BatchNorm.create(backend, DType.FLOAT64, 2));
    }

    private static Linear linear(Backend backend, long seed) {
        return Linear.create(
                backend, DType.FLOAT64, 3, 2, Initializer.HE, new PortableRandom(seed));
    }

    private static Tensor row(Backend backend, double... values) {
        return backend.fromArray(values, Shape.of(1, values.length), DType.FLOAT64);
    }
}

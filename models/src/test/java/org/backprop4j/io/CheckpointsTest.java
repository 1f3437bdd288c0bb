package org.backprop4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backprop4j.models.Mlp;
import org.backprop4j.nn.Layer;
import org.backprop4j.nn.Parameter;
import org.backprop4j.nn.Tape;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.Optimizer;
import org.backprop4j.optim.OptimizerState;
import org.backprop4j.optim.OptimizerState.ParameterState;
import org.backprop4j.optim.SGD;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints on a backend without math: the optimizer's state is given to it with {@link
 * Optimizer#loadState} rather than earned by steps, which the backends' suites and the examples'
 * resume test cover.
 */
class CheckpointsTest {

    @TempDir Path dir;

    private final Backend saving = new StorageOnlyBackend("saving");
    private final Backend loading = new StorageOnlyBackend("loading");

    @Test
    void theModelAndItsOptimizerStateLoadOnAnotherBackend() throws Exception {
        Layer original = Mlp.builder(3, 4, 2).seed(1).build(saving);
        Optimizer adam = adamWithState(original, 7);
        Path path = dir.resolve("checkpoint.safetensors");

        Checkpoints.save(path, original, adam, Map.of("widths", "3,4,2"));
        Layer copy = Mlp.builder(3, 4, 2).seed(2).build(loading);
        Optimizer resumed = new Adam(0.01);
        Map<String, String> metadata = Checkpoints.load(path, copy, resumed);

        assertEquals(Map.of("widths", "3,4,2"), metadata);
        assertEquals(ModelValues.parameters(original), ModelValues.parameters(copy));
        OptimizerState expected = adam.state();
        OptimizerState loaded = resumed.state();
        assertEquals(7, loaded.steps());
        List<Parameter> copied = List.copyOf(copy.namedParameters().values());
        List<Parameter> saved = List.copyOf(original.namedParameters().values());
        for (int i = 0; i < saved.size(); i++) {
            ParameterState was = expected.parameters().get(saved.get(i));
            ParameterState is = loaded.parameters().get(copied.get(i));
            assertEquals(was.steps(), is.steps());
            for (String slot : List.of("m", "v")) {
                Tensor tensor = is.slots().get(slot);
                assertEquals(loading, tensor.backend());
                assertArrayEquals(was.slots().get(slot).toDoubleArray(), tensor.toDoubleArray());
            }
        }
    }

    @Test
    void theFileNamesTheStateAfterItsParameterAndDescribesTheOptimizer() throws Exception {
        Layer model = Mlp.builder(3, 4, 2).build(saving);
        Path path = dir.resolve("checkpoint.safetensors");

        Checkpoints.save(path, model, adamWithState(model, 7), Map.of());
        SafetensorsFile file = Safetensors.read(path);

        List<String> names = new ArrayList<>(file.tensors().keySet());
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), names.subList(0, 4));
        assertEquals(
                List.of("optimizer.0.weight.m", "optimizer.0.weight.v", "optimizer.0.weight.step"),
                names.subList(4, 7));
        assertEquals(16, names.size());
        TensorData step = file.tensors().get("optimizer.2.bias.step");
        assertEquals(DType.FLOAT64, step.dtype());
        assertArrayEquals(new double[] {7}, step.values());
        assertEquals("adam", file.metadata().get("optimizer.kind"));
        assertEquals("7", file.metadata().get("optimizer.steps"));
        assertEquals("0.999", file.metadata().get("optimizer.hyper.beta2"));
        assertEquals("constant(0.01)", file.metadata().get("optimizer.hyper.schedule"));
    }

    @Test
    void aCheckpointLoadsAsAPlainModel() throws Exception {
        Layer original = Mlp.builder(3, 4, 2).seed(1).build(saving);
        Path path = dir.resolve("checkpoint.safetensors");
        Checkpoints.save(path, original, adamWithState(original, 3), Map.of());
        Layer copy = Mlp.builder(3, 4, 2).seed(2).build(loading);

        ModelFiles.load(path, copy);

        assertEquals(ModelValues.parameters(original), ModelValues.parameters(copy));
    }

    @Test
    void onlyACheckpointHoldsAnOptimizersState() throws Exception {
        Layer model = Mlp.builder(3, 4, 2).build(saving);
        Path checkpoint = dir.resolve("checkpoint.safetensors");
        Path plain = dir.resolve("model.safetensors");

        Checkpoints.save(checkpoint, model, new SGD(0.1), Map.of());
        ModelFiles.save(plain, model, Map.of());

        assertTrue(Checkpoints.holdsOptimizerState(checkpoint));
        assertFalse(Checkpoints.holdsOptimizerState(plain));
    }

    @Test
    void aStateOfAnotherOptimizerIsRefusedAndNothingChanges() throws Exception {
        Path path = dir.resolve("checkpoint.safetensors");
        Layer original = Mlp.builder(3, 4, 2).seed(1).build(saving);
        Checkpoints.save(path, original, adamWithState(original, 3), Map.of());
        Layer model = Mlp.builder(3, 4, 2).seed(2).build(loading);
        Map<String, List<Double>> before = ModelValues.parameters(model);
        Optimizer momentum = SGD.momentum(0.01, 0.9);

        ModelFileException e =
                assertThrows(
                        ModelFileException.class, () -> Checkpoints.load(path, model, momentum));

        StrictJsonTest.assertContains(
                "its optimizer state was refused; loadState: the state does not fit this optimizer"
                        + " ('momentum' with {schedule=constant(0.01), momentum=0.9})",
                e.getMessage());
        StrictJsonTest.assertContains("it is the state of optimizer 'adam'", e.getMessage());
        assertEquals(before, ModelValues.parameters(model));
        assertEquals(0, momentum.state().steps());
    }

    @Test
    void otherHyperParametersAreRefusedNamingThem() throws Exception {
        Path path = dir.resolve("checkpoint.safetensors");
        Layer original = Mlp.builder(3, 4, 2).seed(1).build(saving);
        Checkpoints.save(path, original, adamWithState(original, 3), Map.of());
        Layer model = Mlp.builder(3, 4, 2).seed(2).build(loading);
        Map<String, List<Double>> before = ModelValues.parameters(model);
        Optimizer faster = new Adam(0.1);

        ModelFileException e =
                assertThrows(ModelFileException.class, () -> Checkpoints.load(path, model, faster));

        StrictJsonTest.assertContains(
                "schedule was constant(0.01), here it is constant(0.1)", e.getMessage());
        assertEquals(before, ModelValues.parameters(model));
        assertEquals(0, faster.state().steps());
    }

    @Test
    void aModelOfOtherWidthsIsRefusedBeforeTheOptimizerIsTouched() throws Exception {
        Path path = dir.resolve("checkpoint.safetensors");
        Layer original = Mlp.builder(3, 4, 2).seed(1).build(saving);
        Checkpoints.save(path, original, adamWithState(original, 3), Map.of());
        Layer wider = Mlp.builder(3, 5, 2).build(loading);
        Optimizer adam = new Adam(0.01);

        ModelFileException e =
                assertThrows(ModelFileException.class, () -> Checkpoints.load(path, wider, adam));

        StrictJsonTest.assertContains("0.weight (file 3x4, model 3x5)", e.getMessage());
        assertEquals(0, adam.state().steps());
    }

    @Test
    void aPlainModelFileIsRefusedSayingWhatToDo() throws Exception {
        Path path = dir.resolve("model.safetensors");
        Layer original = Mlp.builder(3, 4, 2).build(saving);
        ModelFiles.save(path, original, Map.of());
        Layer model = Mlp.builder(3, 4, 2).seed(2).build(loading);
        Map<String, List<Double>> before = ModelValues.parameters(model);

        ModelFileException e =
                assertThrows(
                        ModelFileException.class,
                        () -> Checkpoints.load(path, model, new Adam(0.01)));

        StrictJsonTest.assertContains("it holds no optimizer state", e.getMessage());
        StrictJsonTest.assertContains("ModelFiles.load", e.getMessage());
        assertEquals(before, ModelValues.parameters(model));
    }

    @Test
    void stateForAParameterTheModelLacksIsRefused() throws Exception {
        Layer model = Mlp.builder(3, 4, 2).seed(2).build(loading);
        Path path = dir.resolve("tampered.safetensors");
        Map<String, TensorData> tensors = ModelFiles.tensorsOf(model);
        tensors.put(
                "optimizer.9.weight.velocity",
                new TensorData(DType.FLOAT64, Shape.of(1, 1), new double[] {1}));
        tensors.put(
                "optimizer.0.bias.velocity",
                new TensorData(DType.FLOAT64, Shape.of(4, 1), new double[4]));
        tensors.put(
                "optimizer.0.bias.step",
                new TensorData(DType.FLOAT64, Shape.of(1, 1), new double[] {2.5}));
        Map<String, String> metadata =
                Map.of(
                        "optimizer.kind", "momentum",
                        "optimizer.steps", "3",
                        "optimizer.hyper.schedule", "constant(0.01)",
                        "optimizer.hyper.momentum", "0.9");
        Safetensors.write(path, new SafetensorsFile(tensors, metadata));
        Optimizer momentum = SGD.momentum(0.01, 0.9);

        ModelFileException e =
                assertThrows(
                        ModelFileException.class, () -> Checkpoints.load(path, model, momentum));

        StrictJsonTest.assertContains(
                "tensor optimizer.9.weight.velocity is not the state of a parameter of the model",
                e.getMessage());
        StrictJsonTest.assertContains(
                "optimizer.0.bias.step is '2.5', not a whole number", e.getMessage());
        StrictJsonTest.assertContains(
                "optimizer.0.bias.velocity has shape 4x1, its parameter 1x4", e.getMessage());
        assertEquals(0, momentum.state().steps());
    }

    @Test
    void metadataUnderTheOptimizersPrefixIsRefusedOnSave() {
        Layer model = Mlp.builder(3, 4, 2).build(saving);
        Path path = dir.resolve("checkpoint.safetensors");

        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                Checkpoints.save(
                                        path, model, new Adam(0.01), Map.of("optimizer.x", "1")));

        StrictJsonTest.assertContains("metadata key 'optimizer.x'", e.getMessage());
    }

    @Test
    void batchNormStatisticsTravelWithTheOptimizerState() throws Exception {
        Layer original = Mlp.builder(3, 4, 2).batchNorm(true).seed(1).build(saving);
        Map<String, Tensor> buffers = original.namedBuffers();
        assertFalse(buffers.isEmpty(), "the model should have running statistics");
        buffers.values().forEach(buffer -> fillWithPattern(saving, buffer));
        Path path = dir.resolve("checkpoint.safetensors");

        Checkpoints.save(path, original, adamWithState(original, 3), Map.of());
        Layer copy = Mlp.builder(3, 4, 2).batchNorm(true).seed(2).build(loading);
        Checkpoints.load(path, copy, new Adam(0.01));

        buffers.forEach(
                (name, buffer) ->
                        assertArrayEquals(
                                buffer.toDoubleArray(),
                                copy.namedBuffers().get(name).toDoubleArray(),
                                name));
    }

    @Test
    void aBufferUnderTheOptimizersPrefixIsRefusedOnSave() {
        Layer mlp = Mlp.builder(3, 4, 2).build(saving);
        Tensor buffer = saving.zeros(Shape.of(1, 2), DType.FLOAT64);
        Layer model =
                new Layer() {
                    @Override
                    public Tensor forward(Tensor input, Tape tape) {
                        return mlp.forward(input, tape);
                    }

                    @Override
                    public Tensor backward(Tensor gradOutput, Tape tape) {
                        return mlp.backward(gradOutput, tape);
                    }

                    @Override
                    public List<Parameter> parameters() {
                        return mlp.parameters();
                    }

                    @Override
                    public Map<String, Parameter> namedParameters() {
                        return mlp.namedParameters();
                    }

                    @Override
                    public Map<String, Tensor> namedBuffers() {
                        return Map.of("optimizer.count", buffer);
                    }
                };
        Path path = dir.resolve("checkpoint.safetensors");

        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Checkpoints.save(path, model, new Adam(0.01), Map.of()));

        StrictJsonTest.assertContains("buffer 'optimizer.count'", e.getMessage());
        assertFalse(path.toFile().exists(), "nothing should have been written");
    }

    private static void fillWithPattern(Backend backend, Tensor tensor) {
        double[] values = new double[Math.toIntExact(tensor.shape().size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = 0.25 * (i + 1);
        }
        backend.copyInPlace(tensor, backend.fromArray(values, tensor.shape(), tensor.dtype()));
    }

    /**
     * An Adam optimizer at rate 0.01 whose state, for every parameter of {@code model}, is a seeded
     * pattern after {@code steps} steps.
     */
    private Adam adamWithState(Layer model, long steps) {
        Map<Parameter, ParameterState> states = new LinkedHashMap<>();
        int seed = 0;
        for (Parameter parameter : model.parameters()) {
            Map<String, Tensor> slots = new LinkedHashMap<>();
            for (String slot : List.of("m", "v")) {
                double[] values = new double[(int) parameter.shape().size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = 0.001 * ++seed;
                }
                slots.put(
                        slot,
                        parameter.backend().fromArray(values, parameter.shape(), DType.FLOAT64));
            }
            states.put(parameter, new ParameterState(steps, slots));
        }
        Adam adam = new Adam(0.01);
        adam.loadState(new OptimizerState("adam", adam.state().hyperParameters(), steps, states));
        return adam;
    }
}

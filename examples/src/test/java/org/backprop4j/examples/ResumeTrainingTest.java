package org.backprop4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.backprop4j.backend.Backends;
import org.backprop4j.data.Batch;
import org.backprop4j.data.mnist.MnistSplit;
import org.backprop4j.io.Checkpoints;
import org.backprop4j.io.ModelFiles;
import org.backprop4j.loss.LossResult;
import org.backprop4j.loss.SoftmaxCrossEntropy;
import org.backprop4j.models.Presets;
import org.backprop4j.nn.Layer;
import org.backprop4j.nn.Parameter;
import org.backprop4j.nn.Tape;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.AdamW;
import org.backprop4j.optim.Optimizer;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.TensorScope;
import org.backprop4j.testkit.data.MnistSubset;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The MNIST network trained with Adam for {@value #BEFORE} steps on the naive backend, saved with
 * {@link Checkpoints}, and loaded on another backend, takes its next {@value #AFTER} steps with the
 * losses and parameters of the uninterrupted naive run.
 *
 * <p>Bound: {@value #BOUND}, relative, as in {@link BackendAgreementTest}. Both runs compute in
 * float64 and the checkpoint stores float64 bit for bit, so the runs differ only by the backends'
 * summation order, a few ulps (1e-16) per operation and about 1e-13 after a few steps. Adam's
 * update divides the first moment by the root of the second, so it carries their relative errors
 * over without amplifying them, except for coordinates whose gradients are all near zero, where
 * epsilon dominates the denominator and damps them instead. Measured: 0 on ejml, about 2e-16 on
 * nd4j and djl. A lost or wrong optimizer state is far outside the bound: resuming with a fresh
 * optimizer from the same parameters moves the losses by 8e-3, more than {@value
 * #FRESH_DIFFERENCE}, as the control run checks.
 */
class ResumeTrainingTest {
    static final double BOUND = 1e-10;
    static final double FRESH_DIFFERENCE = 1e-3;
    static final int BEFORE = 5;
    static final int AFTER = 3;
    static final int BATCH = 16;

    @TempDir Path dir;

    private final SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
    private final MnistSplit images = MnistSubset.load((BEFORE + AFTER) * BATCH);

    @ParameterizedTest
    @MethodSource("org.backprop4j.examples.BackendAgreementTest#others")
    void adamResumesOnAnotherBackendWhereItStopped(String name) throws Exception {
        assertResumes(name, () -> new Adam(0.001));
    }

    @ParameterizedTest
    @MethodSource("org.backprop4j.examples.BackendAgreementTest#others")
    void adamwResumesOnAnotherBackendWhereItStopped(String name) throws Exception {
        assertResumes(name, () -> new AdamW(0.001, 0.01));
    }

    private void assertResumes(String name, Supplier<Optimizer> optimizers) throws Exception {
        Path path = dir.resolve("checkpoint.safetensors");
        Backend naive = Backends.get("naive");
        Layer model = Presets.mnist(naive, DType.FLOAT64, Presets.MNIST_HIDDEN, 42);
        Optimizer optimizer = optimizers.get();
        train(model, optimizer, 0, BEFORE);
        Checkpoints.save(path, model, optimizer, Map.of("widths", "784,128,10"));
        Agreement uninterrupted = train(model, optimizer, BEFORE, AFTER);

        Backend other = Backends.get(name);
        Layer resumedModel = Presets.mnist(other, DType.FLOAT64, Presets.MNIST_HIDDEN, 7);
        Optimizer resumedOptimizer = optimizers.get();
        Map<String, String> metadata = Checkpoints.load(path, resumedModel, resumedOptimizer);
        Agreement resumed = train(resumedModel, resumedOptimizer, BEFORE, AFTER);

        assertEquals(Map.of("widths", "784,128,10"), metadata);
        double losses = resumed.lossDifference(uninterrupted);
        double parameters = resumed.parameterDifference(uninterrupted);
        assertTrue(losses <= BOUND, () -> name + ": step losses differ by " + losses);
        assertTrue(parameters <= BOUND, () -> name + ": parameters differ by " + parameters);

        Layer restartedModel = Presets.mnist(other, DType.FLOAT64, Presets.MNIST_HIDDEN, 7);
        ModelFiles.load(path, restartedModel);
        Agreement restarted = train(restartedModel, optimizers.get(), BEFORE, AFTER);
        double fresh = restarted.lossDifference(uninterrupted);
        assertTrue(
                fresh > FRESH_DIFFERENCE,
                () -> name + ": a fresh optimizer moved the losses by only " + fresh);
    }

    /**
     * Steps {@code first} to {@code first + count - 1} over consecutive batches, as Trainer does.
     */
    @SuppressWarnings("try")
    private Agreement train(Layer model, Optimizer optimizer, int first, int count) {
        Backend backend = model.parameters().get(0).backend();
        List<Parameter> parameters = model.parameters();
        double[] losses = new double[count];
        for (int i = 0; i < count; i++) {
            int start = (first + i) * BATCH;
            int[] indices = IntStream.range(start, start + BATCH).toArray();
            try (TensorScope scope = backend.openScope()) {
                Batch<int[]> batch = images.batch(indices, backend, DType.FLOAT64);
                parameters.forEach(Parameter::zeroGradient);
                Tape tape = Tape.recording();
                LossResult result =
                        loss.evaluate(model.forward(batch.inputs(), tape), batch.targets());
                losses[i] = result.value();
                model.backwardParameters(result.gradient(), tape);
            }
            optimizer.step(parameters);
        }
        Map<String, double[]> values = new LinkedHashMap<>();
        model.namedParameters().forEach((name, p) -> values.put(name, p.value().toDoubleArray()));
        return new Agreement(losses, values);
    }
}

package org.backprop4j.testkit;

import static org.backprop4j.testkit.TestTensors.assertClose;
import static org.backprop4j.testkit.TestTensors.assertValues;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.backprop4j.io.ModelFiles;
import org.backprop4j.loss.BinaryCrossEntropy;
import org.backprop4j.loss.LossResult;
import org.backprop4j.models.Mlp;
import org.backprop4j.nn.BatchNorm;
import org.backprop4j.nn.Dropout;
import org.backprop4j.nn.Initializer;
import org.backprop4j.nn.Layer;
import org.backprop4j.nn.LeakyReLU;
import org.backprop4j.nn.Linear;
import org.backprop4j.nn.MaskSource;
import org.backprop4j.nn.Sequential;
import org.backprop4j.nn.Tape;
import org.backprop4j.random.PortableRandom;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the layers and losses beyond the basic ones do on one backend, apart from their gradients
 * (which {@link GradientCheckSuite} checks): dropout's seeded masks, the same as on the reference
 * backend, and its identity in inference; batch norm's statistics in training and inference, and
 * through a model file; binary cross-entropy and leaky ReLU at points worked out by hand; the MLP
 * builder's dropout and batch-norm options; and the refusal of bad arguments.
 *
 * <p>A backend runs it by extending it and naming itself in {@link #backend()}.
 */
public abstract class LayerBehaviourSuite {
    private static final double EPSILON = BatchNorm.DEFAULT_EPSILON;

    @TempDir Path dir;

    /** The backend under test: the same instance on every call. */
    protected abstract Backend backend();

    // ---------------------------------------------------------------- dropout

    @Test
    void dropoutMasksAreSeededAndTheSameAsOnTheReference() {
        double[] here = trainingPass(new Dropout(0.5, 101), ones(backend(), 6, 7));
        double[] reference = trainingPass(new Dropout(0.5, 101), ones(reference(), 6, 7));
        double[] otherSeed = trainingPass(new Dropout(0.5, 102), ones(backend(), 6, 7));

        assertArrayEquals(reference, here, "the same seed on " + backend().name() + " and naive");
        assertFalse(Arrays.equals(here, otherSeed), "seeds 101 and 102 gave the same mask");
    }

    @Test
    void seededMasksChangeFromPassToPassAndRepeatingOnesDoNot() {
        Dropout seeded = new Dropout(0.5, 103);
        Dropout repeating = new Dropout(0.5, MaskSource.repeating(103));
        Tensor x = ones(backend(), 4, 8);

        assertFalse(Arrays.equals(trainingPass(seeded, x), trainingPass(seeded, x)));
        assertArrayEquals(trainingPass(repeating, x), trainingPass(repeating, x));
    }

    @Test
    void dropoutKeepsAboutOneMinusTheRateAndScalesWhatItKeeps() {
        double rate = 0.3;
        int count = 200 * 100;
        double[] output = trainingPass(new Dropout(rate, 104), ones(backend(), 200, 100));

        int kept = 0;
        for (double value : output) {
            if (value != 0) {
                kept++;
                assertEquals(1 / (1 - rate), value, 1e-15, "a kept element of a ones input");
            }
        }
        // Four standard deviations of the binomial fraction: a false alarm once in 15,000 seeds.
        double allowed = 4 * Math.sqrt(rate * (1 - rate) / count);
        double fraction = (double) kept / count;
        assertEquals(1 - rate, fraction, allowed, "fraction kept at rate " + rate);
    }

    @Test
    void backwardAppliesTheMaskOfItsForward() {
        Dropout layer = new Dropout(0.5, 105);
        Tape tape = Tape.recording();

        double[] output = layer.forward(ones(backend(), 5, 6), tape).toDoubleArray();
        double[] gradient = layer.backward(ones(backend(), 5, 6), tape).toDoubleArray();

        assertArrayEquals(output, gradient);
    }

    @Test
    void dropoutInInferenceIsTheIdentity() {
        Dropout layer = new Dropout(0.9, 106);
        Tensor x = uniform(backend(), 3, 4, 107);
        Tensor gradOut = uniform(backend(), 3, 4, 108);

        assertArrayEquals(x.toDoubleArray(), layer.predict(x).toDoubleArray(), "predict");
        Tape tape = Tape.recordingInference();
        assertArrayEquals(x.toDoubleArray(), layer.forward(x, tape).toDoubleArray(), "forward");
        assertArrayEquals(gradOut.toDoubleArray(), layer.backward(gradOut, tape).toDoubleArray());
    }

    @Test
    void aDropoutRateOutsideZeroToOneIsRefused() {
        for (double rate : new double[] {1, -0.1, Double.NaN}) {
            IllegalArgumentException thrown =
                    assertThrows(IllegalArgumentException.class, () -> new Dropout(rate, 1));
            assertTrue(thrown.getMessage().contains("rate must be in [0, 1), got " + rate));
        }
    }

    // ---------------------------------------------------------------- batch norm

    @Test
    void batchNormTrainsOnTheBatchMeanAndBiasedVarianceAndUpdatesItsRunningStatistics() {
        BatchNorm layer = BatchNorm.create(backend(), DType.FLOAT64, 2);
        // Column 0 has mean 2 and biased variance 1 (unbiased 2); column 1 mean 2, variance 4
        // (unbiased 8).
        Tensor x = matrix(backend(), 2, 2, 1, 0, 3, 4);

        Tensor y = layer.forward(x, Tape.recording());

        double a = 1 / Math.sqrt(1 + EPSILON);
        double b = 2 / Math.sqrt(4 + EPSILON);
        assertValues("training output", y, 2, 2, -a, -b, a, b);
        // Momentum 0.1: 0.9 * 0 + 0.1 * 2, and 0.9 * 1 + 0.1 * the unbiased variance.
        assertValues("running_mean", layer.runningMean(), 1, 2, 0.2, 0.2);
        assertValues("running_var", layer.runningVar(), 1, 2, 1.1, 1.7);
    }

    @Test
    void batchNormInInferenceUsesTheRunningStatisticsAndLeavesThemAlone() {
        BatchNorm layer = BatchNorm.create(backend(), DType.FLOAT64, 2);
        backend().copyInPlace(layer.gamma().value(), matrix(backend(), 1, 2, 2, 0.5));
        backend().copyInPlace(layer.beta().value(), matrix(backend(), 1, 2, 1, -1));
        layer.forward(matrix(backend(), 2, 2, 1, 0, 3, 4), Tape.recording());
        Tensor x = matrix(backend(), 1, 2, 2, 2);

        Tensor predicted = layer.predict(x);
        Tensor recorded = layer.forward(x, Tape.recordingInference());

        double first = 2 * (2 - 0.2) / Math.sqrt(1.1 + EPSILON) + 1;
        double second = 0.5 * (2 - 0.2) / Math.sqrt(1.7 + EPSILON) - 1;
        assertValues("predict", predicted, 1, 2, first, second);
        assertValues("forward on an inference tape", recorded, 1, 2, first, second);
        assertValues("running_mean", layer.runningMean(), 1, 2, 0.2, 0.2);
        assertValues("running_var", layer.runningVar(), 1, 2, 1.1, 1.7);
    }

    @Test
    void aTrainingBatchOfOneRowIsRefused() {
        BatchNorm layer = BatchNorm.create(backend(), DType.FLOAT64, 3);
        Tensor row = uniform(backend(), 1, 3, 109);

        IllegalArgumentException thrown =
                assertThrows(
                        IllegalArgumentException.class, () -> layer.forward(row, Tape.recording()));

        assertTrue(thrown.getMessage().contains("at least 2 rows"), thrown::getMessage);
        assertValues("predict of one row", layer.predict(row), 1, 3, scaled(row, EPSILON));
    }

    @Test
    void batchNormRefusesInputOfOtherWidthsAndBadSettings() {
        BatchNorm layer = BatchNorm.create(backend(), DType.FLOAT64, 3);
        IllegalArgumentException wide =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> layer.predict(uniform(backend(), 2, 4, 110)));
        assertTrue(wide.getMessage().contains("2x4") && wide.getMessage().contains("1x3"));

        assertThrows(
                IllegalArgumentException.class,
                () -> BatchNorm.create(backend(), DType.FLOAT64, 0));
        assertThrows(
                IllegalArgumentException.class,
                () -> BatchNorm.create(backend(), DType.FLOAT64, 3, 0, 0.1));
        assertThrows(
                IllegalArgumentException.class,
                () -> BatchNorm.create(backend(), DType.FLOAT64, 3, 1e-5, 1.5));
    }

    @Test
    void trainedStatisticsSurviveAModelFileToTheReferenceBackend() throws Exception {
        Sequential trained = normalizedNetwork(backend(), 111);
        for (int step = 0; step < 4; step++) {
            trained.forward(uniform(backend(), 8, 3, 112 + step), Tape.recording());
        }
        Sequential loaded = normalizedNetwork(reference(), 116);
        Path path = dir.resolve("normalized.safetensors");
        Tensor x = uniform(backend(), 5, 3, 117);

        ModelFiles.save(path, trained, Map.of());
        ModelFiles.load(path, loaded);

        Tensor expected = trained.predict(x);
        Tensor actual = loaded.predict(TestTensors.moveTo(reference(), x));
        assertClose("prediction after loading", expected, actual, TestTensors.FLOAT64_TOLERANCE);
        assertArrayEquals(
                trained.namedBuffers().get("1.running_var").toDoubleArray(),
                loaded.namedBuffers().get("1.running_var").toDoubleArray());
    }

    @Test
    void manyThreadsPredictWithDropoutAndBatchNormAsOneDoes() throws Exception {
        Sequential model = normalizedNetwork(backend(), 118);
        model.forward(uniform(backend(), 8, 3, 119), Tape.recording());
        List<Tensor> inputs = new ArrayList<>();
        List<double[]> expected = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            inputs.add(uniform(backend(), 4, 3, 120 + i));
            expected.add(model.predict(inputs.get(i)).toDoubleArray());
        }

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<double[]>> results = new ArrayList<>();
            for (int round = 0; round < 8; round++) {
                for (Tensor input : inputs) {
                    results.add(pool.submit(() -> model.predict(input).toDoubleArray()));
                }
            }
            for (int i = 0; i < results.size(); i++) {
                assertArrayEquals(expected.get(i % inputs.size()), results.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- binary cross-entropy

    @Test
    void binaryCrossEntropyAtPointsWorkedByHand() {
        Tensor logits = matrix(backend(), 2, 2, 0, 2, -3, 1000);
        Tensor targets = matrix(backend(), 2, 2, 0.5, 0.25, 1, 1);

        LossResult result = new BinaryCrossEntropy().evaluate(logits, targets);

        // Each element is max(x, 0) - x t + log(1 + e^-|x|); the last, 1000 - 1000 + 0, is 0.
        double sum =
                Math.log(2) + (2 - 0.5 + Math.log1p(Math.exp(-2))) + (3 + Math.log1p(Math.exp(-3)));
        assertEquals(sum / 4, result.value(), 1e-12, "mean loss");
        double sigmoidOf2 = 1 / (1 + Math.exp(-2));
        double sigmoidOfMinus3 = 1 / (1 + Math.exp(3));
        assertValues(
                "gradient (sigmoid(x) - t) / 4",
                result.gradient(),
                2,
                2,
                0,
                (sigmoidOf2 - 0.25) / 4,
                (sigmoidOfMinus3 - 1) / 4,
                0);
    }

    @Test
    void binaryCrossEntropyRefusesTargetsOutsideZeroToOneNamingWhere() {
        Tensor logits = uniform(backend(), 2, 3, 121);
        for (double bad : new double[] {1.5, -0.25, Double.NaN}) {
            Tensor targets = matrix(backend(), 2, 3, 0, 1, 0.5, bad, 0, 1);
            IllegalArgumentException thrown =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> new BinaryCrossEntropy().evaluate(logits, targets));
            String message = thrown.getMessage();
            assertTrue(
                    message.contains("target " + bad + " in row 1, column 0")
                            && message.contains("outside [0, 1]"),
                    message);
        }
    }

    @Test
    void binaryCrossEntropyRefusesTargetsOfAnotherShapeNamingBoth() {
        Tensor logits = uniform(backend(), 2, 3, 122);
        Tensor targets = matrix(backend(), 3, 2, 0, 1, 0, 1, 0, 1);

        IllegalArgumentException thrown =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new BinaryCrossEntropy().evaluate(logits, targets));

        assertTrue(
                thrown.getMessage().contains("2x3") && thrown.getMessage().contains("3x2"),
                thrown::getMessage);
    }

    // ---------------------------------------------------------------- leaky ReLU

    @Test
    void leakyReluAtPointsWorkedByHand() {
        LeakyReLU layer = new LeakyReLU(0.1);
        Tape tape = Tape.recording();

        Tensor y = layer.forward(matrix(backend(), 1, 4, -2, -0.5, 0, 3), tape);
        Tensor dx = layer.backward(matrix(backend(), 1, 4, 1, 2, 3, 4), tape);

        assertValues("output", y, 1, 4, -0.2, -0.05, 0, 3);
        assertValues("input gradient, slope taken at the kink", dx, 1, 4, 0.1, 0.2, 0.3, 4);
        Tensor positive = matrix(backend(), 1, 2, 0.7, 1e300);
        assertArrayEquals(positive.toDoubleArray(), layer.predict(positive).toDoubleArray());
    }

    @Test
    void aLeakyReluSlopeOutsideZeroToOneIsRefused() {
        for (double slope : new double[] {-0.1, 1, Double.NaN}) {
            IllegalArgumentException thrown =
                    assertThrows(IllegalArgumentException.class, () -> new LeakyReLU(slope));
            assertTrue(thrown.getMessage().contains("must be in [0, 1), got " + slope));
        }
        assertEquals(LeakyReLU.DEFAULT_SLOPE, new LeakyReLU().slope());
    }

    // ---------------------------------------------------------------- the MLP builder

    @Test
    void anMlpWithBatchNormAndDropoutKeepsTheWeightsOfThePlainOne() {
        Sequential plain = Mlp.builder(3, 4, 5, 2).seed(123).build(backend());
        Sequential full =
                Mlp.builder(3, 4, 5, 2).seed(123).batchNorm(true).dropout(0.25).build(backend());

        assertEquals(
                "Sequential[Linear(3 -> 4), BatchNorm(4), ReLU, Dropout(0.25), Linear(4 -> 5),"
                        + " BatchNorm(5), ReLU, Dropout(0.25), Linear(5 -> 2)]",
                full.toString());
        assertArrayEquals(
                plain.namedParameters().get("2.weight").value().toDoubleArray(),
                full.namedParameters().get("4.weight").value().toDoubleArray());
        assertEquals(
                List.of("1.running_mean", "1.running_var", "5.running_mean", "5.running_var"),
                List.copyOf(full.namedBuffers().keySet()));
        IllegalArgumentException thrown =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Mlp.builder(3, 2).dropout(1).build(backend()));
        assertTrue(thrown.getMessage().contains("dropout rate must be in [0, 1)"));
    }

    @Test
    void twoDropoutLayersOfAnMlpDrawDifferentMasks() {
        Sequential model = Mlp.builder(4, 6, 6, 1).seed(124).dropout(0.5).build(backend());
        Tensor x = ones(backend(), 3, 6);

        double[] first = trainingPass(model.layers().get(2), x);
        double[] second = trainingPass(model.layers().get(5), x);

        assertFalse(Arrays.equals(first, second), "both dropout layers dropped the same elements");
    }

    // ---------------------------------------------------------------- helpers

    private static double[] trainingPass(Layer layer, Tensor x) {
        return layer.forward(x, Tape.recording()).toDoubleArray();
    }

    private static Sequential normalizedNetwork(Backend backend, long seed) {
        PortableRandom random = new PortableRandom(seed);
        return new Sequential(
                Linear.create(backend, DType.FLOAT64, 3, 4, Initializer.HE, random),
                BatchNorm.create(backend, DType.FLOAT64, 4),
                new LeakyReLU(),
                new Dropout(0.5, seed),
                Linear.create(backend, DType.FLOAT64, 4, 2, Initializer.HE, random));
    }

    /** Each element divided by {@code sqrt(1 + epsilon)}: batch norm with its initial state. */
    private static double[] scaled(Tensor x, double epsilon) {
        double[] values = x.toDoubleArray();
        for (int i = 0; i < values.length; i++) {
            values[i] /= Math.sqrt(1 + epsilon);
        }
        return values;
    }

    private static Backend reference() {
        return TestTensors.reference();
    }

    private static Tensor ones(Backend backend, int rows, int cols) {
        double[] values = new double[rows * cols];
        Arrays.fill(values, 1);
        return backend.fromArray(values, Shape.of(rows, cols), DType.FLOAT64);
    }

    private static Tensor matrix(Backend backend, int rows, int cols, double... values) {
        return TestTensors.tensor(backend, DType.FLOAT64, rows, cols, values);
    }

    private static Tensor uniform(Backend backend, int rows, int cols, long seed) {
        return TestTensors.uniform(backend, Shape.of(rows, cols), DType.FLOAT64, seed);
    }
}

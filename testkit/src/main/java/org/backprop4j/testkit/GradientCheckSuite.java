package org.backprop4j.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.backprop4j.check.GradientCheck;
import org.backprop4j.check.GradientCheckReport;
import org.backprop4j.data.Batch;
import org.backprop4j.data.SinData;
import org.backprop4j.data.mnist.MnistSplit;
import org.backprop4j.loss.BinaryCrossEntropy;
import org.backprop4j.loss.MeanSquaredError;
import org.backprop4j.loss.SoftmaxCrossEntropy;
import org.backprop4j.models.Activation;
import org.backprop4j.models.Mlp;
import org.backprop4j.models.Presets;
import org.backprop4j.nn.BatchNorm;
import org.backprop4j.nn.Dropout;
import org.backprop4j.nn.Initializer;
import org.backprop4j.nn.Layer;
import org.backprop4j.nn.LeakyReLU;
import org.backprop4j.nn.Linear;
import org.backprop4j.nn.MaskSource;
import org.backprop4j.nn.Parameter;
import org.backprop4j.nn.ReLU;
import org.backprop4j.nn.Sequential;
import org.backprop4j.nn.Sigmoid;
import org.backprop4j.nn.Tanh;
import org.backprop4j.nn.Tape;
import org.backprop4j.random.PortableRandom;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.Tensor;
import org.backprop4j.testkit.data.MnistSubset;
import org.junit.jupiter.api.Test;

/**
 * Every layer and loss, the sin network and an MNIST network, checked against central differences
 * in float64, plus the forward/backward contract of {@link Layer}.
 *
 * <p>Tolerance: {@value #TOLERANCE} on {@link GradientCheck}'s error, with its default step of 1e-6
 * and floor of 1e-3. The truncation error of a central difference is about 1e-12 times the third
 * derivative; the rounding noise is about 1e-16 |f| / 1e-6 = 1e-10 |f|, which for losses up to 10
 * stays below 1e-9 absolute, so below 1e-6 once divided by the floor. A correct backward scores
 * 1e-7 or better here, while a wrong factor (such as dividing by the batch size twice) scores 0.1
 * or worse.
 *
 * <p>Layers that act differently in training are checked in both modes: in training with their
 * randomness held still ({@link MaskSource#repeating}) and with batch statistics, and in inference
 * ({@link GradientCheck#inInference()}) with running statistics away from their initial values.
 *
 * <p>A backend runs it by extending it and naming itself in {@link #backend()}.
 */
public abstract class GradientCheckSuite {
    /** The largest error a correct gradient may show; see the class comment. */
    protected static final double TOLERANCE = 1e-6;

    private final GradientCheck check = GradientCheck.withDefaults();

    /** The backend under test: the same instance on every call. */
    protected abstract Backend backend();

    @Test
    void linear() {
        Layer layer = linear(5, 3, 11);
        assertPasses("Linear 5->3", check.layer(layer, input(4, 5, 12)));
    }

    @Test
    void linearOfSizeOne() {
        Layer layer = linear(1, 1, 13);
        assertPasses("Linear 1->1", check.layer(layer, input(1, 1, 14)));
    }

    @Test
    void relu() {
        assertPasses("ReLU", check.layer(new ReLU(), awayFromZero(input(4, 5, 15))));
        assertPasses("ReLU 1x1", check.layer(new ReLU(), awayFromZero(input(1, 1, 16))));
    }

    @Test
    void sigmoid() {
        assertPasses("Sigmoid", check.layer(new Sigmoid(), input(4, 5, 17)));
        assertPasses("Sigmoid 1x1", check.layer(new Sigmoid(), input(1, 1, 18)));
    }

    @Test
    void tanh() {
        assertPasses("Tanh", check.layer(new Tanh(), input(4, 5, 19)));
        assertPasses("Tanh 1x1", check.layer(new Tanh(), input(1, 1, 20)));
    }

    @Test
    void leakyRelu() {
        Layer layer = new LeakyReLU(0.1);
        assertPasses("LeakyReLU", check.layer(layer, awayFromZero(input(4, 5, 60))));
        assertPasses("LeakyReLU 1x1", check.layer(layer, awayFromZero(input(1, 1, 61))));
        assertPasses(
                "LeakyReLU slope 0", check.layer(new LeakyReLU(0), awayFromZero(input(3, 2, 62))));
    }

    @Test
    void dropoutInTrainingWithTheMaskHeldStill() {
        Layer layer = new Dropout(0.4, MaskSource.repeating(63));
        assertPasses("Dropout training", check.layer(layer, input(6, 5, 64)));
        assertPasses("Dropout training 1x1", check.layer(layer, input(1, 1, 65)));
    }

    @Test
    void dropoutInInference() {
        Layer layer = new Dropout(0.4, 66);
        assertPasses("Dropout inference", check.inInference().layer(layer, input(4, 5, 67)));
        assertPasses("Dropout inference 1x1", check.inInference().layer(layer, input(1, 1, 68)));
    }

    @Test
    void batchNormInTraining() {
        assertPasses("BatchNorm training", check.layer(batchNorm(5, 69), input(4, 5, 70)));
        assertPasses("BatchNorm training 2x1", check.layer(batchNorm(1, 71), input(2, 1, 72)));
    }

    @Test
    void batchNormInInferenceWithTrainedStatistics() {
        BatchNorm layer = batchNorm(5, 73);
        for (int step = 0; step < 3; step++) {
            layer.forward(input(8, 5, 74 + step), Tape.recording());
        }
        BatchNorm single = batchNorm(1, 77);
        single.forward(input(3, 1, 78), Tape.recording());

        assertPasses("BatchNorm inference", check.inInference().layer(layer, input(4, 5, 79)));
        assertPasses("BatchNorm inference 1x1", check.inInference().layer(single, input(1, 1, 80)));
    }

    @Test
    void aGradientCheckLeavesTheRunningStatisticsAsTheyWere() {
        BatchNorm layer = batchNorm(3, 81);
        layer.forward(input(4, 3, 82), Tape.recording());
        double[] mean = layer.runningMean().toDoubleArray();
        double[] variance = layer.runningVar().toDoubleArray();

        check.layer(layer, input(4, 3, 83));

        assertArrayEquals(mean, layer.runningMean().toDoubleArray(), "running_mean");
        assertArrayEquals(variance, layer.runningVar().toDoubleArray(), "running_var");
    }

    @Test
    void networkWithBatchNormAndDropoutInBothModes() {
        Layer network =
                new Sequential(
                        linear(4, 6, 84),
                        batchNorm(6, 85),
                        new LeakyReLU(0.2),
                        new Dropout(0.3, MaskSource.repeating(86)),
                        linear(6, 3, 87));
        Tensor x = input(5, 4, 88);
        int[] classes = {0, 2, 1, 1, 0};
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();

        assertPasses("network training", check.network(network, loss, x, classes));
        network.forward(input(7, 4, 89), Tape.recording());
        assertPasses("network inference", check.inInference().network(network, loss, x, classes));
    }

    @Test
    void sequentialOfEveryActivation() {
        Layer network =
                new Sequential(
                        linear(3, 6, 21),
                        new Tanh(),
                        linear(6, 5, 22),
                        new Sigmoid(),
                        linear(5, 4, 23),
                        new ReLU(),
                        linear(4, 2, 24));
        assertPasses("Sequential", check.layer(network, input(5, 3, 25)));
    }

    @Test
    void meanSquaredError() {
        Tensor target = input(4, 3, 27);
        assertPasses("MSE", check.loss(new MeanSquaredError(), input(4, 3, 26), target));
        Tensor one = input(1, 1, 29);
        assertPasses("MSE 1x1", check.loss(new MeanSquaredError(), input(1, 1, 28), one));
    }

    @Test
    void softmaxCrossEntropy() {
        int[] classes = {0, 4, 2, 2};
        assertPasses(
                "SoftmaxCrossEntropy",
                check.loss(new SoftmaxCrossEntropy(), input(4, 5, 30), classes));
        assertPasses(
                "SoftmaxCrossEntropy 1x1",
                check.loss(new SoftmaxCrossEntropy(), input(1, 1, 31), new int[] {0}));
    }

    @Test
    void binaryCrossEntropy() {
        Tensor targets = probabilities(4, 3, 90);
        assertPasses(
                "BinaryCrossEntropy",
                check.loss(new BinaryCrossEntropy(), input(4, 3, 91), targets));
        Tensor one = probabilities(1, 1, 92);
        assertPasses(
                "BinaryCrossEntropy 1x1",
                check.loss(new BinaryCrossEntropy(), input(1, 1, 93), one));
    }

    @Test
    void binaryCrossEntropyIsStableForLargeLogits() {
        Tensor logits =
                backend()
                        .fromArray(
                                new double[] {1000, -1000, 1000, -1000},
                                Shape.of(2, 2),
                                DType.FLOAT64);
        Tensor targets =
                backend().fromArray(new double[] {1, 0, 0, 1}, Shape.of(2, 2), DType.FLOAT64);

        var result = new BinaryCrossEntropy().evaluate(logits, targets);

        // Right answers cost log(1 + e^-1000), which rounds to 0; wrong ones cost 1000 each.
        assertEquals(500, result.value(), 1e-12, "loss at logits of 1000");
        assertArrayEquals(
                new double[] {0, 0, 0.25, -0.25},
                result.gradient().toDoubleArray(),
                1e-15,
                "gradient at logits of 1000");
    }

    @Test
    void softmaxCrossEntropyIsStableForLargeLogits() {
        double[] values = {1000, -1000, 0, 1000, 999, -1000};
        Tensor logits = backend().fromArray(values, Shape.of(2, 3), DType.FLOAT64);
        int[] classes = {1, 1};

        var result = new SoftmaxCrossEntropy().evaluate(logits, classes);

        // Row 0: log(e^1000 + e^-1000 + e^0) - (-1000) = 2000; row 1: log(e^1000 + e^999 +
        // e^-1000) - 999 = 1 + log(1 + e^-1).
        double expected = (2000 + 1 + Math.log1p(Math.exp(-1))) / 2;
        assertEquals(expected, result.value(), 1e-9, "loss at logits of 1000");
        double[] gradient = result.gradient().toDoubleArray();
        double softmaxTop = 1 / (1 + Math.exp(-1));
        double[] expectedGradient = {0.5, -0.5, 0, softmaxTop / 2, ((1 - softmaxTop) - 1) / 2, 0};
        assertArrayEquals(expectedGradient, gradient, 1e-12, "gradient at logits of 1000");
    }

    @Test
    void sinNetworkOnSinData() {
        Sequential network = Presets.sin(backend(), DType.FLOAT64, Presets.SIN_HIDDEN, 42);
        Batch<Tensor> batch = SinData.lesson(42).all(backend(), DType.FLOAT64);
        assertPasses(
                "sin network 1-32-1",
                check.network(network, new MeanSquaredError(), batch.inputs(), batch.targets()));
    }

    @Test
    void mnistNetworkOnMnistImages() {
        MnistSplit images = MnistSubset.load(32);
        Batch<int[]> batch = images.all(backend(), DType.FLOAT64);
        Sequential network = Presets.mnist(backend(), DType.FLOAT64, 16, 42);
        GradientCheck sampled = check.sample(200, 7);

        GradientCheckReport report =
                sampled.network(
                        network, new SoftmaxCrossEntropy(), batch.inputs(), batch.targets());
        assertPasses("MNIST network 784-16-10 on 32 test images", report);
    }

    @Test
    void backwardWithoutForwardIsAnIllegalState() {
        for (Layer layer : everyLayer()) {
            Tensor gradient = input(2, 3, 40);
            IllegalStateException thrown =
                    assertThrows(
                            IllegalStateException.class,
                            () -> layer.backward(gradient, Tape.recording()),
                            layer::toString);
            assertTrue(
                    thrown.getMessage().contains("without a matching forward"), thrown::toString);
        }
    }

    @Test
    void backwardOnAnInferenceTapeIsAnIllegalState() {
        Layer layer = linear(3, 3, 41);
        layer.forward(input(2, 3, 42), Tape.inference());
        assertThrows(
                IllegalStateException.class,
                () -> layer.backward(input(2, 3, 43), Tape.inference()));
    }

    @Test
    void aGradientOfTheWrongShapeNamesBothShapes() {
        for (Layer layer : everyLayer()) {
            Tape tape = Tape.recording();
            layer.forward(input(2, 3, 44), tape);
            IllegalArgumentException thrown =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> layer.backward(input(5, 3, 45), tape),
                            layer::toString);
            assertTrue(thrown.getMessage().contains("5x3"), thrown::getMessage);
            assertTrue(thrown.getMessage().contains("2x3"), thrown::getMessage);
        }
    }

    @Test
    void parameterGradientsAccumulateUntilZeroed() {
        Linear layer = linear(3, 2, 46);
        Tensor x = input(4, 3, 47);
        Tensor gradOut = input(4, 2, 48);

        backwardOnce(layer, x, gradOut);
        double[] once = layer.weight().gradient().toDoubleArray();
        backwardOnce(layer, x, gradOut);
        double[] twice = layer.weight().gradient().toDoubleArray();
        layer.weight().zeroGradient();

        for (int i = 0; i < once.length; i++) {
            assertEquals(2 * once[i], twice[i], 1e-12 * Math.abs(once[i]) + 1e-15);
        }
        assertArrayEquals(new double[once.length], layer.weight().gradient().toDoubleArray());
    }

    @Test
    void backwardParametersFillsTheSameGradientsAsBackward() {
        Sequential network = Presets.mnist(backend(), DType.FLOAT64, 8, 53);
        Tensor x = input(3, 784, 54);
        Tensor gradOut = input(3, 10, 55);

        backwardOnce(network, x, gradOut);
        List<double[]> full = gradients(network);
        network.parameters().forEach(Parameter::zeroGradient);
        Tape tape = Tape.recording();
        network.forward(x, tape);
        network.backwardParameters(gradOut, tape);
        List<double[]> partial = gradients(network);

        for (int i = 0; i < full.size(); i++) {
            assertArrayEquals(full.get(i), partial.get(i), "parameter " + i);
        }
    }

    @Test
    void forwardAndBackwardLeaveTheirArgumentsUnchanged() {
        for (Layer layer : everyLayer()) {
            Tensor x = input(2, 3, 49);
            Tensor gradOut = input(2, 3, 50);
            double[] xBefore = x.toDoubleArray();
            double[] gradBefore = gradOut.toDoubleArray();

            Tape tape = Tape.recording();
            layer.forward(x, tape);
            layer.backward(gradOut, tape);

            assertArrayEquals(xBefore, x.toDoubleArray(), layer + " changed its input");
            assertArrayEquals(gradBefore, gradOut.toDoubleArray(), layer + " changed gradOut");
        }
    }

    @Test
    void aLabelOutOfRangeNamesTheLabelItsRowAndTheClasses() {
        Tensor logits = input(3, 10, 51);
        IllegalArgumentException thrown =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new SoftmaxCrossEntropy().evaluate(logits, new int[] {1, 12, 3}));
        String message = thrown.getMessage();
        assertTrue(
                message.contains("label 12")
                        && message.contains("row 1")
                        && message.contains("10 classes"),
                message);
    }

    private static List<double[]> gradients(Layer layer) {
        List<double[]> gradients = new ArrayList<>();
        layer.parameters().forEach(p -> gradients.add(p.gradient().toDoubleArray()));
        return gradients;
    }

    private void backwardOnce(Layer layer, Tensor x, Tensor gradOut) {
        Tape tape = Tape.recording();
        layer.forward(x, tape);
        layer.backward(gradOut, tape);
    }

    /** Layers mapping width 3 to width 3, for the contract tests. */
    private Layer[] everyLayer() {
        Supplier<Layer> mlp =
                () -> Mlp.builder(3, 4, 3).activation(Activation.TANH).seed(3).build(backend());
        return new Layer[] {
            linear(3, 3, 52),
            new ReLU(),
            new LeakyReLU(0.1),
            new Sigmoid(),
            new Tanh(),
            new Dropout(0.5, 56),
            batchNorm(3, 57),
            mlp.get()
        };
    }

    /** A batch-norm layer whose scale and shift are seeded away from 1 and 0. */
    private BatchNorm batchNorm(int features, long seed) {
        BatchNorm layer = BatchNorm.create(backend(), DType.FLOAT64, features);
        backend().copyInPlace(layer.gamma().value(), input(1, features, seed));
        backend().copyInPlace(layer.beta().value(), input(1, features, seed + 1000));
        return layer;
    }

    /** Uniform in [0, 1), seeded: targets for binary cross-entropy. */
    private Tensor probabilities(int rows, int cols, long seed) {
        return backend().affine(input(rows, cols, seed), 0.25, 0.5);
    }

    private Linear linear(int inputs, int outputs, long seed) {
        return Linear.create(
                backend(),
                DType.FLOAT64,
                inputs,
                outputs,
                Initializer.XAVIER,
                new PortableRandom(seed));
    }

    /** Uniform in [-2, 2), seeded. */
    private Tensor input(int rows, int cols, long seed) {
        PortableRandom random = new PortableRandom(seed);
        double[] values = new double[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = 4 * random.nextDouble() - 2;
        }
        return backend().fromArray(values, Shape.of(rows, cols), DType.FLOAT64);
    }

    /** Moves entries within 0.01 of zero away from it, so no step crosses ReLU's kink. */
    private Tensor awayFromZero(Tensor x) {
        double[] values = x.toDoubleArray();
        for (int i = 0; i < values.length; i++) {
            if (Math.abs(values[i]) < 0.01) {
                values[i] = values[i] < 0 ? -0.5 : 0.5;
            }
        }
        return backend().fromArray(values, x.shape(), x.dtype());
    }

    private static void assertPasses(String what, GradientCheckReport report) {
        assertTrue(
                report.passes(TOLERANCE),
                () -> what + ": error above " + TOLERANCE + " at " + report.worst());
    }
}

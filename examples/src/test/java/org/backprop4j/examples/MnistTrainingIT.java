package org.backprop4j.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.backprop4j.backend.Backends;
import org.backprop4j.data.mnist.MnistDataset;
import org.backprop4j.loss.SoftmaxCrossEntropy;
import org.backprop4j.models.Presets;
import org.backprop4j.nn.Sequential;
import org.backprop4j.optim.SGD;
import org.backprop4j.tensor.DType;
import org.backprop4j.train.ClassifierMetrics;
import org.backprop4j.train.Trainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lesson's main job on every shipped backend: 10 epochs of the 784-128-10 network on the full
 * MNIST training set, with the program's defaults, reach 97.5% on the test set.
 */
class MnistTrainingIT {
    private static final double TARGET_ACCURACY = 0.975;

    private static MnistDataset mnist;

    @BeforeAll
    static void obtainMnist() throws IOException {
        mnist = MnistDataset.obtain(null, status -> {});
    }

    static java.util.stream.Stream<String> backends() {
        return BackendAgreementTest.SHIPPED.stream();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void tenEpochsReachTheTargetAccuracy(String name) {
        Sequential model =
                Presets.mnist(Backends.get(name), DType.FLOAT64, Presets.MNIST_HIDDEN, 42);
        Trainer.builder(
                        model,
                        new SoftmaxCrossEntropy(),
                        new SGD(Double.parseDouble(MnistCommand.DEFAULT_LEARNING_RATE)))
                .epochs(10)
                .batchSize(128)
                .seed(42)
                .build()
                .fit(mnist.train());

        double accuracy = ClassifierMetrics.accuracy(model, mnist.test());
        assertTrue(accuracy >= TARGET_ACCURACY, () -> name + ": test accuracy " + accuracy);
    }
}

package org.backprop4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.backprop4j.backend.BackendCandidate;
import org.backprop4j.backend.Backends;
import org.backprop4j.data.Dataset;
import org.backprop4j.data.SinData;
import org.backprop4j.data.mnist.MnistSplit;
import org.backprop4j.loss.Loss;
import org.backprop4j.loss.MeanSquaredError;
import org.backprop4j.loss.SoftmaxCrossEntropy;
import org.backprop4j.models.Presets;
import org.backprop4j.nn.Layer;
import org.backprop4j.optim.SGD;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;
import org.backprop4j.testkit.data.MnistSubset;
import org.backprop4j.train.Trainer;
import org.backprop4j.train.TrainingHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every backend trains the same models from the same seed on the same batches as the naive
 * reference, and after 20 SGD steps agrees with it step by step and parameter by parameter.
 *
 * <p>Bound: {@value #BOUND}, relative. The backends compute in float64 but sum in different orders
 * (blocked kernels, BLAS), which moves results by a few ulps per operation, about 1e-16; 20 steps
 * of two layers compound that to 1e-13 at most in practice, so 1e-10 leaves room while still
 * catching any real difference of formula, which shows at 1e-3 or more.
 */
class BackendAgreementTest {
    static final double BOUND = 1e-10;

    /** The backends this project ships, all of which must load on linux-x86_64. */
    static final List<String> SHIPPED = List.of("naive", "ejml", "nd4j", "djl");

    static Stream<String> others() {
        return SHIPPED.stream().filter(name -> !name.equals("naive"));
    }

    @Test
    void everyShippedBackendIsAvailableHere() {
        for (String name : SHIPPED) {
            BackendCandidate candidate =
                    Backends.registry().candidates().stream()
                            .filter(c -> c.name().equals(name))
                            .findFirst()
                            .orElseThrow(() -> new AssertionError(name + " was not discovered"));
            assertTrue(candidate.availability().isAvailable(), candidate::toString);
        }
    }

    @ParameterizedTest
    @MethodSource("others")
    void sinNetworkAgreesWithNaiveOver20Steps(String name) {
        SinData data = SinData.lesson(42);
        Agreement reference = sin(Backends.get("naive"), data);
        Agreement other = sin(Backends.get(name), data);

        assertEquals(20, other.stepLosses().length);
        assertAgrees(name + " sin", other, reference);
    }

    @ParameterizedTest
    @MethodSource("others")
    void mnistNetworkAgreesWithNaiveOver20Steps(String name) {
        MnistSplit images = MnistSubset.load(20 * 16);
        Agreement reference = mnist(Backends.get("naive"), images);
        Agreement other = mnist(Backends.get(name), images);

        assertEquals(20, other.stepLosses().length);
        assertAgrees(name + " MNIST", other, reference);
    }

    private static Agreement sin(Backend backend, SinData data) {
        return train(
                Presets.sin(backend, DType.FLOAT64, Presets.SIN_HIDDEN, 42),
                new MeanSquaredError(),
                data,
                10,
                0.02);
    }

    private static Agreement mnist(Backend backend, MnistSplit images) {
        return train(
                Presets.mnist(backend, DType.FLOAT64, Presets.MNIST_HIDDEN, 42),
                new SoftmaxCrossEntropy(),
                images,
                16,
                0.5);
    }

    /** One seeded pass over {@code data} in batches, with SGD. */
    private static <Y> Agreement train(
            Layer model, Loss<Y> loss, Dataset<Y> data, int batchSize, double learningRate) {
        TrainingHistory history =
                Trainer.builder(model, loss, new SGD(learningRate))
                        .epochs(1)
                        .batchSize(batchSize)
                        .seed(11)
                        .build()
                        .fit(data);
        return Agreement.of(history, model);
    }

    private static void assertAgrees(String what, Agreement other, Agreement reference) {
        double losses = other.lossDifference(reference);
        double parameters = other.parameterDifference(reference);
        assertTrue(losses <= BOUND, () -> what + ": step losses differ by " + losses);
        assertTrue(parameters <= BOUND, () -> what + ": parameters differ by " + parameters);
    }
}

package org.backprop4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.backprop4j.backend.Backends;
import org.backprop4j.data.mnist.MnistDataset;
import org.backprop4j.io.ModelFiles;
import org.backprop4j.models.Presets;
import org.backprop4j.nn.Sequential;
import org.backprop4j.tensor.DType;
import org.backprop4j.train.ClassifierMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The program trains and saves a model on one backend, and the file loads on every backend and
 * predicts the same classes for the whole test set.
 */
class ModelFileIT {
    @TempDir Path directory;

    @Test
    void aModelSavedOnOneBackendPredictsTheSameOnEvery() throws IOException {
        Path file = directory.resolve("mnist.safetensors");
        ProgramRun run =
                ProgramRun.of(
                        "mnist",
                        "--backend",
                        "naive",
                        "--epochs",
                        "1",
                        "--no-progress",
                        "--output-dir",
                        directory.toString(),
                        "--save",
                        file.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.size(file) > 784 * 128 * 8, "the file holds float64 weights");

        MnistDataset mnist = MnistDataset.obtain(null, status -> {});
        int[] reference = null;
        for (String name : BackendAgreementTest.SHIPPED) {
            Sequential model =
                    Presets.mnist(Backends.get(name), DType.FLOAT64, Presets.MNIST_HIDDEN, 0);
            Map<String, String> metadata = ModelFiles.load(file, model);
            assertEquals("784,128,10", metadata.get("widths"));

            int[] predicted = ClassifierMetrics.evaluate(model, mnist.test()).predicted();
            if (reference == null) {
                reference = predicted;
            }
            assertArrayEquals(reference, predicted, name + " predicts other classes");
        }
    }
}

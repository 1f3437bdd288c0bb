package org.backprop4j.backend.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.backprop4j.data.SinData;
import org.backprop4j.loss.MeanSquaredError;
import org.backprop4j.models.Presets;
import org.backprop4j.nn.Sequential;
import org.backprop4j.optim.SGD;
import org.backprop4j.random.PortableRandom;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.Tensor;
import org.backprop4j.tensor.TensorScope;
import org.backprop4j.train.Trainer;
import org.backprop4j.train.TrainingHistory;
import org.junit.jupiter.api.Test;

/**
 * Native memory over long runs, counted as the open arrays of the backend's DJL managers: what a
 * training loop leaves behind is what would pile up in native memory.
 */
class DjlNativeMemoryTest {
    private static final int STEPS = 10_000;
    private static final int BATCH = 8;
    private static final int INPUTS = 4;
    private static final int OUTPUTS = 3;

    private final DjlBackend backend = new DjlBackend(DjlRuntime.engine());
    private final PortableRandom random = new PortableRandom(7);

    private Tensor uniform(int rows, int cols) {
        double[] values = new double[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble() - 0.5;
        }
        return backend.fromArray(values, Shape.of(rows, cols), DType.FLOAT64);
    }

    @Test
    @SuppressWarnings("try") // the scope acts by being closed, not by being referenced
    void aScopePerStepKeepsTheOpenArraysFlatOverThousandsOfSteps() {
        Tensor weight = uniform(INPUTS, OUTPUTS);
        Tensor bias = backend.zeros(Shape.of(1, OUTPUTS), DType.FLOAT64);
        Tensor weightGradient = backend.zeros(Shape.of(INPUTS, OUTPUTS), DType.FLOAT64);
        int parameters = backend.openArrays();
        int largestInsideAStep = 0;

        for (int step = 0; step < STEPS; step++) {
            try (TensorScope scope = backend.openScope()) {
                Tensor input = uniform(BATCH, INPUTS);
                Tensor target = uniform(BATCH, OUTPUTS);

                Tensor linear = backend.add(backend.matmul(input, weight), bias);
                Tensor hidden = backend.relu(linear);
                Tensor error = backend.sub(backend.softmaxRows(hidden), target);
                Tensor gradient = backend.reluBackward(error, linear);
                backend.matmulInPlace(weightGradient, 1.0 / BATCH, input, true, gradient, false, 0);

                backend.addScaledInPlace(weight, -0.01, weightGradient);
                backend.addScaledInPlace(bias, -0.01, backend.sumColumns(gradient));
                largestInsideAStep = Math.max(largestInsideAStep, backend.openArrays());
            }
            assertEquals(parameters, backend.openArrays(), "open arrays after step " + step);
        }

        assertTrue(largestInsideAStep > parameters, "the count must see a step's temporaries");
        assertTrue(Double.isFinite(backend.sum(weight)));
    }

    @Test
    void unscopedTemporariesAreFreedOnceUnreachable() throws InterruptedException {
        int before = backend.openArrays();
        Tensor weight = uniform(INPUTS, OUTPUTS);

        for (int step = 0; step < STEPS; step++) {
            backend.addScaledInPlace(weight, -0.01, backend.scale(uniform(INPUTS, OUTPUTS), 0.1));
        }
        int afterLoop = backend.openArrays();
        int reclaimed = waitForCollection(before + 1);

        assertTrue(afterLoop > before + 1, "the loop must have left unscoped arrays to reclaim");
        assertEquals(before + 1, reclaimed, "arrays left open after collection");
        assertTrue(Double.isFinite(backend.sum(weight)), "the kept weight is still usable");
    }

    @Test
    void theTrainerLeavesOnlyTheParametersOpenAfterThousandsOfSteps() throws InterruptedException {
        Sequential model = Presets.sin(backend, DType.FLOAT64, Presets.SIN_HIDDEN, 42);
        int valuesAndGradients = 2 * model.parameters().size();
        assertEquals(valuesAndGradients, backend.openArrays());

        TrainingHistory history =
                Trainer.builder(model, new MeanSquaredError(), new SGD(0.02))
                        .epochs(300)
                        .batchSize(20)
                        .build()
                        .fit(SinData.lesson(42));

        assertEquals(300 * SinData.LESSON_SIZE / 20, history.stepLosses().length);
        assertEquals(valuesAndGradients, waitForCollection(valuesAndGradients));
        assertEquals(4, model.parameters().size(), "the model stays reachable until here");
    }

    /**
     * Asks for collection until the count reaches {@code expected} or a minute passes; the
     * collector and the reclaimer thread run on their own time.
     */
    private int waitForCollection(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        int open = backend.openArrays();
        while (open > expected && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(50);
            open = backend.openArrays();
        }
        return open;
    }
}

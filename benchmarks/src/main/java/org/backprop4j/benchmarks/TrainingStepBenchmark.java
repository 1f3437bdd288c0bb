package org.backprop4j.benchmarks;

import java.util.ArrayList;
import java.util.List;
import org.backprop4j.data.Batch;
import org.backprop4j.loss.SoftmaxCrossEntropy;
import org.backprop4j.models.Presets;
import org.backprop4j.optim.SGD;
import org.backprop4j.random.PortableRandom;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.Tensor;
import org.backprop4j.train.Trainer;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * One training step of the lesson's MNIST network ({@link Presets#mnist}, 784-128-10 with ReLU,
 * softmax cross-entropy, SGD) on a batch of 128, through {@link Trainer#step}, the step that {@code
 * fit} takes: in a scope, zero the gradients, forward on a recording tape, the loss, {@code
 * backwardParameters}; then, outside the scope, the SGD step.
 *
 * <p>52.4 MFLOP of products per step: five of the {@link Product}s, all but {@link
 * Product#L1_INPUT_GRAD}. The batches are made once, before measuring: loading data is not part of
 * the step. Eight batches of pixel-like inputs in {@code [0, 1)} with random labels take turns. The
 * network slowly memorises them (on djl in float32 the loss falls from 2.5 to 0.01 in 20,000
 * steps), which changes no step's work: every operation is dense, and the values stay far from the
 * subnormal floats that would slow down CPU arithmetic.
 */
public class TrainingStepBenchmark extends BackendBenchmark {
    private static final int BATCHES = 8;
    private static final double LEARNING_RATE = 0.01;

    private Trainer<int[]> trainer;
    private final List<Batch<int[]>> batches = new ArrayList<>();
    private int next;
    private int steps;

    @Override
    protected void prepare() {
        trainer =
                Trainer.builder(
                                Presets.mnist(backendUnderTest, type, HIDDEN, 0),
                                new SoftmaxCrossEntropy(),
                                new SGD(LEARNING_RATE))
                        .build();
        batches.clear();
        PortableRandom random = new PortableRandom(1);
        for (int i = 0; i < BATCHES; i++) {
            double[] pixels = new double[BATCH * PIXELS];
            for (int j = 0; j < pixels.length; j++) {
                pixels[j] = random.nextDouble();
            }
            Tensor inputs = backendUnderTest.fromArray(pixels, Shape.of(BATCH, PIXELS), type);
            batches.add(new Batch<>(inputs, classes(BATCH, CLASSES, 2 + i)));
        }
    }

    /** The trainer's own step; returns the loss before it, which must stay finite. */
    @Benchmark
    public double step() {
        Batch<int[]> batch = batches.get(next);
        next = (next + 1) % BATCHES;
        steps++;
        return trainer.step(batch, 1, steps);
    }
}

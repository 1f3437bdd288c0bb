package org.backprop4j.benchmarks;

import java.util.List;
import org.backprop4j.loss.LossResult;
import org.backprop4j.loss.SoftmaxCrossEntropy;
import org.backprop4j.models.Presets;
import org.backprop4j.nn.Layer;
import org.backprop4j.nn.Parameter;
import org.backprop4j.nn.Tape;
import org.backprop4j.optim.SGD;
import org.backprop4j.random.PortableRandom;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.Tensor;
import org.backprop4j.tensor.TensorScope;
import org.backprop4j.train.TrainingDivergedException;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * One training step of the lesson's MNIST network ({@link Presets#mnist}, 784-128-10 with ReLU,
 * softmax cross-entropy, SGD) on a batch of 128, the way {@code Trainer} runs it: in a {@link
 * TensorScope}, zero the gradients, forward on a recording tape, the loss, {@code
 * backwardParameters}; then, outside the scope, the SGD step.
 *
 * <p>52.4 MFLOP of products per step: five of the {@link Product}s, all but {@link
 * Product#L1_INPUT_GRAD}. The batches are made once, before measuring: loading data is not part of
 * the step. Eight batches of pixel-like inputs in {@code [0, 1)} with random labels take turns. The
 * network slowly memorises them (on djl in float32 the loss falls from 2.5 to 0.01 in 20,000
 * steps), which changes no step's work: every operation is dense, and the values stay far from the
 * subnormal floats that would slow down CPU arithmetic.
 */
@SuppressWarnings("try") // a scope acts by being closed, not by being referenced
public class TrainingStepBenchmark extends BackendBenchmark {
    private static final int BATCHES = 8;
    private static final double LEARNING_RATE = 0.01;

    private final SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
    private final SGD optimizer = new SGD(LEARNING_RATE);

    private Layer model;
    private List<Parameter> parameters;
    private Tensor[] inputs;
    private int[][] labels;
    private int next;
    private int steps;

    @Override
    protected void prepare() {
        model = Presets.mnist(backendUnderTest, type, HIDDEN, 0);
        parameters = model.parameters();
        inputs = new Tensor[BATCHES];
        labels = new int[BATCHES][];
        PortableRandom random = new PortableRandom(1);
        for (int i = 0; i < BATCHES; i++) {
            double[] pixels = new double[BATCH * PIXELS];
            for (int j = 0; j < pixels.length; j++) {
                pixels[j] = random.nextDouble();
            }
            inputs[i] = backendUnderTest.fromArray(pixels, Shape.of(BATCH, PIXELS), type);
            labels[i] = classes(BATCH, CLASSES, 2 + i);
        }
    }

    /** The step; returns the loss before it, which must stay finite. */
    @Benchmark
    public double step() {
        Tensor batch = inputs[next];
        int[] classes = labels[next];
        next = (next + 1) % BATCHES;
        steps++;

        double value;
        try (TensorScope scope = backendUnderTest.openScope()) {
            parameters.forEach(Parameter::zeroGradient);
            Tape tape = Tape.recording();
            LossResult result = loss.evaluate(model.forward(batch, tape), classes);
            value = result.value();
            if (!Double.isFinite(value)) {
                throw new TrainingDivergedException(1, steps, value, optimizer.toString());
            }
            model.backwardParameters(result.gradient(), tape);
        }
        optimizer.step(parameters);
        return value;
    }
}

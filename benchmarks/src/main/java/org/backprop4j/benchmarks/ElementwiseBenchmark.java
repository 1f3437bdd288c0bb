package org.backprop4j.benchmarks;

import org.backprop4j.loss.LossResult;
import org.backprop4j.loss.SoftmaxCrossEntropy;
import org.backprop4j.tensor.Tensor;
import org.backprop4j.tensor.TensorScope;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The passes of the MNIST step that are not products, at their largest shapes in that step: the
 * hidden layer's bias add, ReLU and ReLU backward on {@code 128 x 128}, the SGD update of the
 * {@code 784 x 128} first weight, and softmax cross-entropy on {@code 128 x 10} logits.
 *
 * <p>The operations that allocate run in a {@link TensorScope}, as in a training step, so native
 * backends free their results within the measurement instead of leaving them to the collector.
 */
@SuppressWarnings("try") // a scope acts by being closed, not by being referenced
public class ElementwiseBenchmark extends BackendBenchmark {
    private final SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();

    private Tensor preActivation;
    private Tensor bias;
    private Tensor gradient;
    private Tensor weight;
    private Tensor weightGradient;
    private Tensor logits;
    private int[] labels;

    @Override
    protected void prepare() {
        preActivation = gaussian(BATCH, HIDDEN, 1);
        bias = gaussian(1, HIDDEN, 2);
        gradient = gaussian(BATCH, HIDDEN, 3);
        weight = gaussian(PIXELS, HIDDEN, 4);
        weightGradient = gaussian(PIXELS, HIDDEN, 5);
        logits = gaussian(BATCH, CLASSES, 6);
        labels = classes(BATCH, CLASSES, 7);
    }

    /** {@code x W + b}'s last part: a {@code 1 x 128} row added to each of 128 rows. */
    @Benchmark
    public void biasAdd(Blackhole blackhole) {
        try (TensorScope scope = backendUnderTest.openScope()) {
            blackhole.consume(backendUnderTest.add(preActivation, bias));
        }
    }

    /** {@code max(z, 0)} on {@code 128 x 128}. */
    @Benchmark
    public void relu(Blackhole blackhole) {
        try (TensorScope scope = backendUnderTest.openScope()) {
            blackhole.consume(backendUnderTest.relu(preActivation));
        }
    }

    /** {@code g * (z > 0)} on {@code 128 x 128}. */
    @Benchmark
    public void reluBackward(Blackhole blackhole) {
        try (TensorScope scope = backendUnderTest.openScope()) {
            blackhole.consume(backendUnderTest.reluBackward(gradient, preActivation));
        }
    }

    /**
     * SGD's {@code W -= lr * dW} on the {@code 784 x 128} weight, in place. The weight drifts by
     * {@code lr} times the same gradient on every call, far from overflow in any run's length.
     */
    @Benchmark
    public Tensor sgdAddScaledInPlace() {
        backendUnderTest.addScaledInPlace(weight, -0.01, weightGradient);
        return weight;
    }

    /** The loss value and its gradient for {@code 128 x 10} logits and 128 labels. */
    @Benchmark
    public double softmaxCrossEntropy(Blackhole blackhole) {
        try (TensorScope scope = backendUnderTest.openScope()) {
            LossResult result = loss.evaluate(logits, labels);
            blackhole.consume(result.gradient());
            return result.value();
        }
    }
}

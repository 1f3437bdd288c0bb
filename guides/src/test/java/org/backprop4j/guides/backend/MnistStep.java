package org.backprop4j.guides.backend;

import java.util.ArrayList;
import java.util.List;
import org.backprop4j.loss.LossResult;
import org.backprop4j.loss.SoftmaxCrossEntropy;
import org.backprop4j.models.Presets;
import org.backprop4j.nn.Parameter;
import org.backprop4j.nn.Sequential;
import org.backprop4j.nn.Tape;
import org.backprop4j.optim.SGD;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.Tensor;
import org.backprop4j.testkit.TestTensors;

/**
 * The lesson's MNIST network (784 inputs, 10 classes) with seeded random images and labels, and one
 * SGD step on them taken as the trainer takes it.
 */
final class MnistStep {
    private final Sequential model;
    private final Tensor images;
    private final int[] labels;

    MnistStep(Backend backend, int batch, int hidden) {
        model = Presets.mnist(backend, DType.FLOAT64, hidden, 42);
        images = TestTensors.uniform(backend, Shape.of(batch, 784), DType.FLOAT64, 1, 0, 1);
        labels = new int[batch];
        for (int row = 0; row < batch; row++) {
            labels[row] = (row * 7) % 10;
        }
    }

    /** Takes the step and returns the loss before it. */
    double run() {
        model.parameters().forEach(Parameter::zeroGradient);
        Tape tape = Tape.recording();
        LossResult result = new SoftmaxCrossEntropy().evaluate(model.forward(images, tape), labels);
        model.backwardParameters(result.gradient(), tape);
        new SGD(0.1).step(model.parameters());
        return result.value();
    }

    List<double[]> parameters() {
        List<double[]> values = new ArrayList<>();
        model.parameters().forEach(p -> values.add(p.value().toDoubleArray()));
        return values;
    }
}

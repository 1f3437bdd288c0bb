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
 * One SGD step of the lesson's MNIST network, as the trainer takes it, on seeded random images and
 * labels; what it leaves is the loss and the parameters after the step.
 */
record TrainingStep(double loss, List<double[]> parameters) {

    static TrainingStep run(Backend backend, int batch, int hidden) {
        Sequential model = Presets.mnist(backend, DType.FLOAT64, hidden, 42);
        Tensor images = TestTensors.uniform(backend, Shape.of(batch, 784), DType.FLOAT64, 1, 0, 1);
        int[] labels = new int[batch];
        for (int row = 0; row < batch; row++) {
            labels[row] = (row * 7) % 10;
        }

        model.parameters().forEach(Parameter::zeroGradient);
        Tape tape = Tape.recording();
        LossResult result = new SoftmaxCrossEntropy().evaluate(model.forward(images, tape), labels);
        model.backwardParameters(result.gradient(), tape);
        new SGD(0.1).step(model.parameters());

        List<double[]> parameters = new ArrayList<>();
        model.parameters().forEach(p -> parameters.add(p.value().toDoubleArray()));
        return new TrainingStep(result.value(), parameters);
    }
}

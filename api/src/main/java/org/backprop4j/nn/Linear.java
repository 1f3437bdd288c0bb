package org.backprop4j.nn;

import java.util.List;
import org.backprop4j.random.PortableRandom;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.ShapeMismatchException;
import org.backprop4j.tensor.Tensor;

/**
 * A fully connected layer: {@code y = x W + b}.
 *
 * <p>Shapes: input {@code batch x in}, weight {@code in x out}, bias {@code 1 x out}, output {@code
 * batch x out}. Backward, given {@code g = dL/dy}: {@code dL/dW += x^T g}, {@code dL/db += the
 * column sums of g}, and returns {@code dL/dx = g W^T}. The batch mean belongs to the loss, so
 * nothing here divides by the batch size.
 */
public final class Linear implements Layer {
    private final Parameter weight;
    private final Parameter bias;

    /** A layer with the given weight ({@code in x out}) and bias ({@code 1 x out}). */
    public Linear(Tensor weight, Tensor bias) {
        if (!bias.shape().equals(Shape.of(1, weight.cols()))) {
            throw new ShapeMismatchException(
                    "Linear", weight.shape(), bias.shape(), "bias must be 1 x weight columns");
        }
        this.weight = new Parameter("weight", weight);
        this.bias = new Parameter("bias", bias);
    }

    /** A layer of {@code inputs -> outputs} with weights from {@code initializer}, bias zero. */
    public static Linear create(
            Backend backend,
            DType dtype,
            int inputs,
            int outputs,
            Initializer initializer,
            PortableRandom random) {
        double[] weights = initializer.sample(inputs, outputs, random);
        return new Linear(
                backend.fromArray(weights, Shape.of(inputs, outputs), dtype),
                backend.zeros(Shape.of(1, outputs), dtype));
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    public int inputs() {
        return weight.shape().rows();
    }

    public int outputs() {
        return weight.shape().cols();
    }

    @Override
    public Tensor forward(Tensor input, Tape tape) {
        if (input.cols() != inputs()) {
            throw new ShapeMismatchException(
                    this + ".forward",
                    input.shape(),
                    weight.shape(),
                    "input columns must equal the weight rows");
        }
        Backend backend = input.backend();
        tape.save(this, input);
        return backend.add(backend.matmul(input, weight.value()), bias.value());
    }

    @Override
    public Tensor backward(Tensor gradOutput, Tape tape) {
        backwardParameters(gradOutput, tape);
        return gradOutput.backend().matmul(gradOutput, false, weight.value(), true);
    }

    @Override
    public void backwardParameters(Tensor gradOutput, Tape tape) {
        Tensor input = tape.restore(this, Tensor.class);
        Layers.requireGradientShape(this, gradOutput, Shape.of(input.rows(), outputs()));
        Backend backend = gradOutput.backend();

        backend.matmulInPlace(weight.gradient(), 1, input, true, gradOutput, false, 1);
        backend.addScaledInPlace(bias.gradient(), 1, backend.sumColumns(gradOutput));
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    @Override
    public String toString() {
        return "Linear(" + inputs() + " -> " + outputs() + ")";
    }
}

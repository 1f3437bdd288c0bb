package org.backprop4j.guides.layer;

import java.util.List;
import org.backprop4j.nn.Layer;
import org.backprop4j.nn.Layers;
import org.backprop4j.nn.Parameter;
import org.backprop4j.nn.Tape;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.ShapeMismatchException;
import org.backprop4j.tensor.Tensor;

/**
 * A learned scale and shift of each feature: {@code y = x * scale + shift}, where {@code scale} and
 * {@code shift} are {@code 1 x features} rows broadcast over the batch (the affine step that
 * follows a normalization).
 *
 * <p>Shapes: input and output {@code batch x features}. Backward, given {@code g = dL/dy}: {@code
 * dL/dscale += the column sums of g * x}, {@code dL/dshift += the column sums of g}, and it returns
 * {@code dL/dx = g * scale}. Gradients accumulate until {@link Parameter#zeroGradient()}, as the
 * {@link Layer} contract says.
 */
public final class ElementwiseAffine implements Layer {
    private final Parameter scale;
    private final Parameter shift;

    /**
     * A layer with the given {@code scale} and {@code shift}, each {@code 1 x features}.
     *
     * @throws ShapeMismatchException if either is not a row, or their lengths differ
     */
    public ElementwiseAffine(Tensor scale, Tensor shift) {
        if (scale.rows() != 1 || !shift.shape().equals(scale.shape())) {
            throw new ShapeMismatchException(
                    "ElementwiseAffine",
                    scale.shape(),
                    shift.shape(),
                    "scale and shift must both be 1 x features");
        }
        this.scale = new Parameter("scale", scale);
        this.shift = new Parameter("shift", shift);
    }

    /** The identity to start training from: scale one, shift zero. */
    public static ElementwiseAffine identity(Backend backend, DType dtype, int features) {
        Shape row = Shape.of(1, features);
        Tensor ones = backend.affine(backend.zeros(row, dtype), 0, 1);
        return new ElementwiseAffine(ones, backend.zeros(row, dtype));
    }

    public Parameter scale() {
        return scale;
    }

    public Parameter shift() {
        return shift;
    }

    public int features() {
        return scale.shape().cols();
    }

    @Override
    public Tensor forward(Tensor input, Tape tape) {
        if (input.cols() != features()) {
            throw new ShapeMismatchException(
                    this + ".forward",
                    input.shape(),
                    scale.shape(),
                    "input columns must equal the features");
        }
        Backend backend = input.backend();
        tape.save(this, input);
        return backend.add(backend.mul(input, scale.value()), shift.value());
    }

    @Override
    public Tensor backward(Tensor gradOutput, Tape tape) {
        backwardParameters(gradOutput, tape);
        return gradOutput.backend().mul(gradOutput, scale.value());
    }

    @Override
    public void backwardParameters(Tensor gradOutput, Tape tape) {
        Tensor input = tape.restore(this, Tensor.class);
        Layers.requireGradientShape(this, gradOutput, input.shape());
        Backend backend = gradOutput.backend();

        Tensor scaleGradient = backend.sumColumns(backend.mul(gradOutput, input));
        backend.addScaledInPlace(scale.gradient(), 1, scaleGradient);
        backend.addScaledInPlace(shift.gradient(), 1, backend.sumColumns(gradOutput));
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(scale, shift);
    }

    @Override
    public String toString() {
        return "ElementwiseAffine(" + features() + ")";
    }
}

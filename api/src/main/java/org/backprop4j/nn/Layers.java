package org.backprop4j.nn;

import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.ShapeMismatchException;
import org.backprop4j.tensor.Tensor;

/** Checks that every layer's backward makes. */
final class Layers {
    private Layers() {}

    static void requireGradientShape(Layer layer, Tensor gradOutput, Shape outputShape) {
        if (!gradOutput.shape().equals(outputShape)) {
            throw new ShapeMismatchException(
                    layer + ".backward",
                    gradOutput.shape(),
                    outputShape,
                    "the gradient must have the shape of that forward's output");
        }
    }
}

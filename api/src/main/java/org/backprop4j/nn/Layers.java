package org.backprop4j.nn;

import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.ShapeMismatchException;
import org.backprop4j.tensor.Tensor;

/**
 * Checks that every layer's backward makes, public so that layers written outside this package make
 * them the same way (stability: stable).
 */
public final class Layers {
    private Layers() {}

    /**
     * @throws ShapeMismatchException naming the layer and both shapes when {@code gradOutput} does
     *     not have the shape of the output that the matching forward returned
     */
    public static void requireGradientShape(Layer layer, Tensor gradOutput, Shape outputShape) {
        if (!gradOutput.shape().equals(outputShape)) {
            throw new ShapeMismatchException(
                    layer + ".backward",
                    gradOutput.shape(),
                    outputShape,
                    "the gradient must have the shape of that forward's output");
        }
    }
}

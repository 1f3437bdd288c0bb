package org.backprop4j.guides.layer;

import org.backprop4j.nn.Layer;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.ShapeMismatchException;
import org.backprop4j.tensor.Tensor;

/** The check that the {@link Layer} contract asks of every backward. */
final class GradientShapes {
    private GradientShapes() {}

    /**
     * @throws ShapeMismatchException naming the layer and both shapes when {@code gradOutput} does
     *     not have the shape of the output that its forward returned
     */
    static void require(Layer layer, Tensor gradOutput, Shape outputShape) {
        if (!gradOutput.shape().equals(outputShape)) {
            throw new ShapeMismatchException(
                    layer + ".backward",
                    gradOutput.shape(),
                    outputShape,
                    "the gradient must have the shape of that forward's output");
        }
    }
}

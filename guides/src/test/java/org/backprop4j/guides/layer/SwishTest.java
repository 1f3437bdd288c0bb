package org.backprop4j.guides.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.backprop4j.backend.Backends;
import org.backprop4j.nn.Layer;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.Tensor;
import org.backprop4j.testkit.LayerGradientSuite;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Swish by hand, then held to the testkit's layer suite on every backend. */
class SwishTest {

    @Test
    void forwardIsTheInputTimesItsSigmoid() {
        Backend backend = Backends.get("naive");
        double log3 = Math.log(3);
        Tensor x =
                backend.fromArray(
                        new double[] {0, log3, -log3, -800}, Shape.of(1, 4), DType.FLOAT64);

        double[] y = new Swish().predict(x).toDoubleArray();

        // sigmoid(log 3) = 3/4 and sigmoid(-log 3) = 1/4; far below zero Swish vanishes.
        assertArrayEquals(new double[] {0, 0.75 * log3, -0.25 * log3, 0}, y, 1e-15);
    }

    /** The layer and shapes; each nested class names only the backend. */
    abstract static class SwishSuite extends LayerGradientSuite {
        @Override
        protected Layer newLayer(Backend backend) {
            return new Swish();
        }

        @Override
        protected List<Shape> inputShapes() {
            return List.of(Shape.of(4, 5), Shape.of(3, 1), Shape.of(1, 1));
        }
    }

    @Nested
    class OnNaive extends SwishSuite {
        @Override
        protected Backend backend() {
            return Backends.get("naive");
        }
    }

    @Nested
    class OnEjml extends SwishSuite {
        @Override
        protected Backend backend() {
            return Backends.get("ejml");
        }
    }

    @Nested
    class OnNd4j extends SwishSuite {
        @Override
        protected Backend backend() {
            return Backends.get("nd4j");
        }
    }

    @Nested
    class OnDjl extends SwishSuite {
        @Override
        protected Backend backend() {
            return Backends.get("djl");
        }
    }
}

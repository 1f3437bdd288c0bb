package org.backprop4j.guides.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.backprop4j.backend.Backends;
import org.backprop4j.nn.Layer;
import org.backprop4j.nn.Tape;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.ShapeMismatchException;
import org.backprop4j.tensor.Tensor;
import org.backprop4j.testkit.LayerGradientSuite;
import org.backprop4j.testkit.TestTensors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** ElementwiseAffine by hand and its refusals, then the testkit's layer suite on every backend. */
class ElementwiseAffineTest {
    private final Backend naive = Backends.get("naive");

    @Test
    void scalesAndShiftsEachFeature() {
        Tensor scale = TestTensors.tensor(naive, DType.FLOAT64, 1, 2, 2, -1);
        Tensor shift = TestTensors.tensor(naive, DType.FLOAT64, 1, 2, 10, 20);
        Tensor x = TestTensors.tensor(naive, DType.FLOAT64, 2, 2, 1, 2, 3, 4);

        double[] y = new ElementwiseAffine(scale, shift).predict(x).toDoubleArray();

        assertArrayEquals(new double[] {12, 18, 16, 16}, y);
    }

    @Test
    void identityChangesNothing() {
        Tensor x = TestTensors.uniform(naive, Shape.of(3, 4), DType.FLOAT64, 1);

        Tensor y = ElementwiseAffine.identity(naive, DType.FLOAT64, 4).predict(x);

        assertArrayEquals(x.toDoubleArray(), y.toDoubleArray());
    }

    @Test
    void refusesParametersThatAreNotRowsOfOneLength() {
        Tensor row = naive.zeros(Shape.of(1, 3), DType.FLOAT64);
        Tensor shorter = naive.zeros(Shape.of(1, 2), DType.FLOAT64);
        Tensor matrix = naive.zeros(Shape.of(2, 3), DType.FLOAT64);

        ShapeMismatchException lengths =
                assertThrows(
                        ShapeMismatchException.class, () -> new ElementwiseAffine(row, shorter));
        assertThrows(ShapeMismatchException.class, () -> new ElementwiseAffine(matrix, matrix));

        assertTrue(lengths.getMessage().contains("1x3 and 1x2"), lengths::getMessage);
    }

    @Test
    void forwardRefusesAnInputOfOtherWidthNamingBothShapes() {
        Layer layer = ElementwiseAffine.identity(naive, DType.FLOAT64, 3);
        Tensor x = naive.zeros(Shape.of(5, 4), DType.FLOAT64);

        ShapeMismatchException thrown =
                assertThrows(
                        ShapeMismatchException.class, () -> layer.forward(x, Tape.recording()));

        assertTrue(thrown.getMessage().contains("5x4 and 1x3"), thrown::getMessage);
    }

    /** A layer whose scale and shift are drawn from fixed seeds, away from the identity. */
    abstract static class ElementwiseAffineSuite extends LayerGradientSuite {
        @Override
        protected Layer newLayer(Backend backend) {
            Tensor scale = TestTensors.uniform(backend, Shape.of(1, 5), DType.FLOAT64, 21, -2, 2);
            Tensor shift = TestTensors.uniform(backend, Shape.of(1, 5), DType.FLOAT64, 22, -2, 2);
            return new ElementwiseAffine(scale, shift);
        }

        @Override
        protected List<Shape> inputShapes() {
            return List.of(Shape.of(4, 5), Shape.of(7, 5));
        }
    }

    @Nested
    class OnNaive extends ElementwiseAffineSuite {
        @Override
        protected Backend backend() {
            return Backends.get("naive");
        }
    }

    @Nested
    class OnEjml extends ElementwiseAffineSuite {
        @Override
        protected Backend backend() {
            return Backends.get("ejml");
        }
    }

    @Nested
    class OnNd4j extends ElementwiseAffineSuite {
        @Override
        protected Backend backend() {
            return Backends.get("nd4j");
        }
    }

    @Nested
    class OnDjl extends ElementwiseAffineSuite {
        @Override
        protected Backend backend() {
            return Backends.get("djl");
        }
    }
}

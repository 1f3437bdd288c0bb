package org.backprop4j.backend.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import org.backprop4j.backend.naive.NaiveBackendProvider;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.Tensor;
import org.backprop4j.tensor.TensorScope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DjlTensorScopeTest {
    private DjlBackend backend;

    @BeforeEach
    void freshBackend() {
        backend = new DjlBackend(DjlRuntime.engine());
    }

    private Tensor row(double... values) {
        return backend.fromArray(values, Shape.of(1, values.length), DType.FLOAT64);
    }

    @Test
    @SuppressWarnings("try") // the scope acts by being closed, not by being referenced
    void freesTheTensorsCreatedInsideAtClose() {
        Tensor temporary;
        try (TensorScope scope = backend.openScope()) {
            temporary = backend.exp(row(0, 1));
            assertEquals(2, backend.openArrays());
        }

        assertEquals(0, backend.openArrays());
        IllegalStateException thrown =
                assertThrows(IllegalStateException.class, temporary::toDoubleArray);
        assertTrue(thrown.getMessage().contains("keep"), thrown.getMessage());
    }

    @Test
    void keptTensorsOutliveTheScope() {
        Tensor kept;
        try (TensorScope scope = backend.openScope()) {
            kept = scope.keep(backend.scale(row(1, 2), 3));
        }

        assertArrayEquals(new double[] {3, 6}, kept.toDoubleArray());
        assertEquals(1, backend.openArrays());
    }

    @Test
    @SuppressWarnings("try") // the scope acts by being closed, not by being referenced
    void leavesEarlierTensorsAndTheirInPlaceUpdatesAlone() {
        Tensor weights = row(1, 2);
        Tensor product = backend.zeros(Shape.of(1, 1), DType.FLOAT64);

        try (TensorScope scope = backend.openScope()) {
            backend.addScaledInPlace(weights, -1, row(0.5, 0.5));
            backend.matmulInPlace(product, 1, weights, false, row(2, 2), true, 0);
        }

        assertArrayEquals(new double[] {0.5, 1.5}, weights.toDoubleArray());
        assertArrayEquals(new double[] {4}, product.toDoubleArray());
        assertEquals(2, backend.openArrays());
    }

    @Test
    void nestedScopesFreeInnermostFirstAndOuterCloseTakesOpenInnerOnes() {
        TensorScope outer = backend.openScope();
        Tensor inOuter = row(1);
        TensorScope inner = backend.openScope();
        Tensor inInner = row(2);
        inner.close();

        assertThrows(IllegalStateException.class, inInner::toDoubleArray);
        assertArrayEquals(new double[] {1}, inOuter.toDoubleArray());

        TensorScope forgotten = backend.openScope();
        Tensor inForgotten = row(3);
        outer.close();

        assertThrows(IllegalStateException.class, inOuter::toDoubleArray);
        assertThrows(IllegalStateException.class, inForgotten::toDoubleArray);
        forgotten.close();
        assertEquals(0, backend.openArrays());
        assertArrayEquals(new double[] {4}, row(4).toDoubleArray());
    }

    @Test
    void belongsToTheThreadThatOpenedIt() throws Exception {
        TensorScope scope = backend.openScope();
        Tensor fromOtherThread = CompletableFuture.supplyAsync(() -> row(5)).get();
        IllegalStateException thrown =
                CompletableFuture.supplyAsync(
                                () -> assertThrows(IllegalStateException.class, scope::close))
                        .get();
        scope.close();

        assertTrue(thrown.getMessage().contains("thread"), thrown.getMessage());
        assertArrayEquals(new double[] {5}, fromOtherThread.toDoubleArray());
    }

    @Test
    void refusesToKeepAfterCloseOrAnotherBackendsTensor() {
        TensorScope scope = backend.openScope();
        Tensor inside = row(1);
        scope.close();

        assertThrows(IllegalStateException.class, () -> scope.keep(inside));
        try (TensorScope open = backend.openScope()) {
            Tensor foreign =
                    new NaiveBackendProvider()
                            .create()
                            .fromArray(new double[] {1}, Shape.of(1, 1), DType.FLOAT64);
            IllegalArgumentException thrown =
                    assertThrows(IllegalArgumentException.class, () -> open.keep(foreign));
            assertTrue(thrown.getMessage().contains("naive"), thrown.getMessage());
        }
    }

    @Test
    void closingTwiceIsHarmless() {
        TensorScope scope = backend.openScope();
        row(1);
        scope.close();
        scope.close();

        assertEquals(0, backend.openArrays());
    }
}

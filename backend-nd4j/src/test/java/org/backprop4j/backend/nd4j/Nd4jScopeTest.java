package org.backprop4j.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.Tensor;
import org.backprop4j.tensor.TensorScope;
import org.junit.jupiter.api.Test;

/** The native-memory side of scopes, which the conformance suite cannot see. */
class Nd4jScopeTest {
    private final Nd4jBackend backend = new Nd4jBackend();

    @Test
    void closingFreesTemporariesAndLaterUseSaysSo() {
        Tensor input = row(1, 2);
        Tensor temporary;

        try (TensorScope scope = backend.openScope()) {
            temporary = backend.add(input, input);
        }

        IllegalStateException refused =
                assertThrows(IllegalStateException.class, () -> backend.sum(temporary));
        assertTrue(refused.getMessage().contains("keep"), refused.getMessage());
        assertArrayEquals(new double[] {1, 2}, input.toDoubleArray());
    }

    @Test
    void keptTensorMovesToTheEnclosingScope() {
        Tensor input = row(1, 2);
        Tensor kept;

        try (TensorScope outer = backend.openScope()) {
            try (TensorScope inner = backend.openScope()) {
                kept = inner.keep(backend.scale(input, 3));
            }
            assertArrayEquals(new double[] {3, 6}, kept.toDoubleArray());
        }

        assertThrows(IllegalStateException.class, kept::toDoubleArray);
    }

    @Test
    void closingAnOuterScopeBeforeItsInnerOneIsRefused() {
        TensorScope outer = backend.openScope();
        TensorScope inner = backend.openScope();

        assertThrows(IllegalStateException.class, outer::close);

        inner.close();
        outer.close();
    }

    private Tensor row(double... values) {
        return backend.fromArray(values, Shape.of(1, values.length), DType.FLOAT64);
    }
}

package org.backprop4j.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The places where EJML's own routines would break the contract and the backend uses a loop
 * instead; the conformance suite covers the rest.
 */
class EjmlElementwiseTest {

    private final Backend ejml = new EjmlBackend();

    @ParameterizedTest
    @EnumSource(DType.class)
    void copyKeepsNegativeZeroNanAndInfinity(DType dtype) {
        double[] values = {-0.0, Double.NaN, Double.NEGATIVE_INFINITY};
        Tensor tensor = ejml.fromArray(values, Shape.of(1, 3), dtype);

        assertArrayEquals(values, ejml.copy(tensor).toDoubleArray());
    }

    /** EJML's maxRows starts from -Double.MAX_VALUE and skips NaN. */
    @ParameterizedTest
    @EnumSource(DType.class)
    void maxRowsPropagatesNanAndKeepsNegativeInfinity(DType dtype) {
        double inf = Double.NEGATIVE_INFINITY;
        double[] values = {1, Double.NaN, 2, inf, inf, inf};
        Tensor tensor = ejml.fromArray(values, Shape.of(2, 3), dtype);

        assertArrayEquals(new double[] {Double.NaN, inf}, ejml.maxRows(tensor).toDoubleArray());
    }

    /** EJML's float sums accumulate in float; these accumulate in double and round once. */
    @ParameterizedTest
    @EnumSource(DType.class)
    void float32SumsRoundOnlyTheirResult(DType dtype) {
        int rows = 4097;
        double[] values = new double[rows];
        values[0] = 1 << 24;
        Arrays.fill(values, 1, rows, 1);
        Tensor column = ejml.fromArray(values, Shape.of(rows, 1), dtype);
        // 2^24 + 4096 is a float; adding the ones one at a time in float would stay at 2^24.
        double expected = (1 << 24) + 4096;

        assertEquals(expected, ejml.sumColumns(column).toDoubleArray()[0]);
        assertEquals(expected, ejml.sum(column));
        assertEquals(
                expected,
                ejml.sumRows(ejml.fromArray(values, Shape.of(1, rows), dtype)).toDoubleArray()[0]);
    }
}

package org.backprop4j.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.backprop4j.backend.naive.NaiveBackend;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The EJML backend's own loops (broadcasting, reductions, the fused one-pass operations) against
 * the naive reference, on the same inputs, in both data types.
 */
class EjmlElementwiseTest {

    private static final Shape SHAPE = Shape.of(5, 7);

    /** An operation on a backend, given the left operand and the right one. */
    private interface Operation extends BiFunction<Backend, Tensor[], Tensor> {}

    private static final Map<String, Operation> OPERATIONS =
            Map.ofEntries(
                    Map.entry("add", (k, t) -> k.add(t[0], t[1])),
                    Map.entry("sub row", (k, t) -> k.sub(t[0], t[2])),
                    Map.entry("mul column", (k, t) -> k.mul(t[0], t[3])),
                    Map.entry("div scalar", (k, t) -> k.div(t[0], t[4])),
                    Map.entry("div", (k, t) -> k.div(t[0], t[1])),
                    Map.entry("exp", (k, t) -> k.exp(t[0])),
                    Map.entry("log", (k, t) -> k.log(k.exp(t[0]))),
                    Map.entry("sqrt", (k, t) -> k.sqrt(k.exp(t[0]))),
                    Map.entry("affine", (k, t) -> k.affine(t[0], -0.3, 2)),
                    Map.entry("maximum", (k, t) -> k.maximum(t[0], 0.1)),
                    Map.entry("greaterThan", (k, t) -> k.greaterThan(t[0], -0.2)),
                    Map.entry("sumColumns", (k, t) -> k.sumColumns(t[0])),
                    Map.entry("sumRows", (k, t) -> k.sumRows(t[0])),
                    Map.entry("maxRows", (k, t) -> k.maxRows(t[0])),
                    Map.entry("relu", (k, t) -> k.relu(t[0])),
                    Map.entry("reluBackward", (k, t) -> k.reluBackward(t[1], t[0])),
                    Map.entry("sigmoid", (k, t) -> k.sigmoid(k.scale(t[0], 300))),
                    Map.entry("tanh", (k, t) -> k.tanh(t[0])),
                    Map.entry("softmaxRows", (k, t) -> k.softmaxRows(k.scale(t[0], 500))),
                    Map.entry("logSumExpRows", (k, t) -> k.logSumExpRows(k.scale(t[0], 500))),
                    Map.entry(
                            "pickColumns",
                            (k, t) -> k.pickColumns(t[0], new int[] {0, 6, 3, 3, 1})));

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (DType dtype : DType.values()) {
            for (String name : OPERATIONS.keySet()) {
                cases.add(Arguments.of(name, dtype));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void agreesWithTheReference(String name, DType dtype) {
        Backend naive = new NaiveBackend();
        Backend ejml = new EjmlBackend();

        Tensor expected = OPERATIONS.get(name).apply(naive, operands(naive, dtype));
        Tensor actual = OPERATIONS.get(name).apply(ejml, operands(ejml, dtype));

        assertEquals(expected.shape(), actual.shape());
        assertEquals(dtype, actual.dtype());
        // Float32 results may differ by the rounding of a result and of an input (one ulp each).
        double tolerance = dtype == DType.FLOAT64 ? 1e-13 : 1e-6;
        double[] reference = expected.toDoubleArray();
        double[] values = actual.toDoubleArray();
        for (int i = 0; i < reference.length; i++) {
            assertEquals(
                    reference[i],
                    values[i],
                    tolerance * Math.max(1, Math.abs(reference[i])),
                    name + " element " + i);
        }
    }

    @Test
    void argmaxAndSumAgreeWithTheReferenceAndFirstMaximaWin() {
        for (DType dtype : DType.values()) {
            Backend naive = new NaiveBackend();
            Backend ejml = new EjmlBackend();
            double[] ties = {1, 3, 3, -1, 2, 2};

            assertArrayEquals(
                    naive.argmaxRows(operands(naive, dtype)[0]),
                    ejml.argmaxRows(operands(ejml, dtype)[0]));
            assertArrayEquals(
                    new int[] {1, 1}, ejml.argmaxRows(ejml.fromArray(ties, Shape.of(2, 3), dtype)));
            assertEquals(
                    naive.sum(operands(naive, dtype)[0]),
                    ejml.sum(operands(ejml, dtype)[0]),
                    1e-12);
        }
    }

    @Test
    void inPlaceUpdatesAgreeWithTheReference() {
        for (DType dtype : DType.values()) {
            Backend naive = new NaiveBackend();
            Backend ejml = new EjmlBackend();
            Tensor[] expected = operands(naive, dtype);
            Tensor[] actual = operands(ejml, dtype);

            naive.addScaledInPlace(expected[0], -0.1, expected[1]);
            ejml.addScaledInPlace(actual[0], -0.1, actual[1]);
            naive.scaleInPlace(expected[0], 0.7);
            ejml.scaleInPlace(actual[0], 0.7);
            naive.copyInPlace(expected[1], expected[0]);
            ejml.copyInPlace(actual[1], actual[0]);
            naive.fillInPlace(expected[2], 0.1);
            ejml.fillInPlace(actual[2], 0.1);

            for (int i = 0; i < 3; i++) {
                assertArrayEquals(expected[i].toDoubleArray(), actual[i].toDoubleArray(), 1e-15);
            }
        }
    }

    @Test
    void copyKeepsNegativeZeroAndNan() {
        Backend ejml = new EjmlBackend();
        for (DType dtype : DType.values()) {
            double[] values = {-0.0, Double.NaN, Double.NEGATIVE_INFINITY};
            Tensor tensor = ejml.fromArray(values, Shape.of(1, 3), dtype);

            assertArrayEquals(values, ejml.copy(tensor).toDoubleArray());
        }
    }

    @Test
    void maxRowsPropagatesNanAndKeepsNegativeInfinity() {
        Backend ejml = new EjmlBackend();
        for (DType dtype : DType.values()) {
            double inf = Double.NEGATIVE_INFINITY;
            double[] values = {1, Double.NaN, 2, inf, inf, inf};
            Tensor tensor = ejml.fromArray(values, Shape.of(2, 3), dtype);

            assertArrayEquals(new double[] {Double.NaN, inf}, ejml.maxRows(tensor).toDoubleArray());
        }
    }

    /** a, b of a's shape, a row, a column and a scalar, the same on every backend. */
    private static Tensor[] operands(Backend backend, DType dtype) {
        Random random = new Random(21);
        return new Tensor[] {
            backend.fromArray(gaussian(random, 35), SHAPE, dtype),
            backend.fromArray(gaussian(random, 35), SHAPE, dtype),
            backend.fromArray(gaussian(random, 7), Shape.of(1, 7), dtype),
            backend.fromArray(gaussian(random, 5), Shape.of(5, 1), dtype),
            backend.fromArray(new double[] {-1.7}, Shape.of(1, 1), dtype)
        };
    }

    private static double[] gaussian(Random random, int length) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = random.nextGaussian();
        }
        return values;
    }
}

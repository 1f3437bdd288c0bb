package org.backprop4j.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * EJML's products in every transposed form, with and without the concurrent kernels, against the
 * naive reference; the shared conformance suite covers the rest of the primitives.
 */
class EjmlProductTest {

    private static final Backend NAIVE = new NaiveBackend();

    /** Relative to the largest magnitude of the reference: float32 products round in float. */
    private static double tolerance(DType dtype) {
        return dtype == DType.FLOAT64 ? 1e-12 : 1e-5;
    }

    static Stream<Arguments> forms() {
        List<Arguments> cases = new ArrayList<>();
        for (DType dtype : DType.values()) {
            for (boolean concurrent : new boolean[] {false, true}) {
                for (boolean transposeA : new boolean[] {false, true}) {
                    for (boolean transposeB : new boolean[] {false, true}) {
                        cases.add(Arguments.of(dtype, concurrent, transposeA, transposeB));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} concurrent={1} transposeA={2} transposeB={3}")
    @MethodSource("forms")
    void smallAndVectorProductsAgreeWithTheReferenceForEveryAlphaAndBeta(
            DType dtype, boolean concurrent, boolean transposeA, boolean transposeB) {
        double[][] alphaBeta = {{1, 0}, {1, 1}, {0.5, 1}, {-2, 0.25}, {1.5, -1}};
        // m x k x n: EJML takes matrix-vector paths when an operand has one row or column.
        int[][] sizes = {{3, 5, 4}, {1, 5, 1}, {4, 1, 3}, {5, 3, 1}, {1, 3, 5}, {1, 1, 1}};
        for (int[] size : sizes) {
            for (double[] ab : alphaBeta) {
                assertProductAgrees(
                        dtype,
                        concurrent,
                        size[0],
                        size[1],
                        size[2],
                        transposeA,
                        transposeB,
                        ab[0],
                        ab[1],
                        11);
            }
        }
    }

    @ParameterizedTest(name = "{0} concurrent={1} transposeA={2} transposeB={3}")
    @MethodSource("forms")
    void productsAboveTheConcurrencyThresholdAgreeWithTheReference(
            DType dtype, boolean concurrent, boolean transposeA, boolean transposeB) {
        // 2 * 64 * 300 * 300 flops, above EjmlBackend.CONCURRENT_MIN_FLOPS.
        assertTrue(2L * 64 * 300 * 300 >= EjmlBackend.CONCURRENT_MIN_FLOPS);

        assertProductAgrees(dtype, concurrent, 64, 300, 300, transposeA, transposeB, 1, 0, 12);
        assertProductAgrees(dtype, concurrent, 64, 300, 300, transposeA, transposeB, 0.5, 1, 13);
    }

    @ParameterizedTest(name = "{0} concurrent={1} transposeA={2} transposeB={3}")
    @MethodSource("forms")
    void betaZeroIgnoresNanInTheOutput(
            DType dtype, boolean concurrent, boolean transposeA, boolean transposeB) {
        Backend ejml = new EjmlBackend(concurrent);
        Random random = new Random(14);
        Tensor a = ejml.fromArray(gaussian(random, 12), operandShape(3, 4, transposeA), dtype);
        Tensor b = ejml.fromArray(gaussian(random, 8), operandShape(4, 2, transposeB), dtype);
        Tensor out = ejml.fromArray(filled(6, Double.NaN), Shape.of(3, 2), dtype);

        ejml.matmulInPlace(out, 1, a, transposeA, b, transposeB, 0);

        double[] expected = NAIVE.toDoubleArray(product(NAIVE, ejml, a, transposeA, b, transposeB));
        assertArrayEquals(expected, ejml.toDoubleArray(out), tolerance(dtype) * 10);
    }

    @ParameterizedTest(name = "{0} concurrent={1} transposeA={2} transposeB={3}")
    @MethodSource("forms")
    void anEmptyInnerDimensionLeavesBetaTimesTheOutput(
            DType dtype, boolean concurrent, boolean transposeA, boolean transposeB) {
        Backend ejml = new EjmlBackend(concurrent);
        Tensor a = ejml.zeros(operandShape(2, 0, transposeA), dtype);
        Tensor b = ejml.zeros(operandShape(0, 3, transposeB), dtype);
        Tensor overwritten = ejml.fromArray(filled(6, Double.NaN), Shape.of(2, 3), dtype);
        Tensor scaled = ejml.fromArray(filled(6, 4), Shape.of(2, 3), dtype);

        ejml.matmulInPlace(overwritten, 1, a, transposeA, b, transposeB, 0);
        ejml.matmulInPlace(scaled, 1, a, transposeA, b, transposeB, 0.5);

        assertArrayEquals(filled(6, 0), ejml.toDoubleArray(overwritten));
        assertArrayEquals(filled(6, 2), ejml.toDoubleArray(scaled));
    }

    @Test
    void productsOnDistinctTensorsRunOnManyThreadsAtOnce() throws Exception {
        Backend ejml = new EjmlBackend(true);
        int threads = 4;
        List<double[]> serial = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            serial.add(accumulatedProducts(ejml, t));
        }

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<double[]>> parallel = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int seed = t;
                parallel.add(pool.submit(() -> accumulatedProducts(ejml, seed)));
            }
            for (int t = 0; t < threads; t++) {
                assertArrayEquals(serial.get(t), parallel.get(t).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Gradients accumulated over a few steps, large enough to take the concurrent kernel. */
    private static double[] accumulatedProducts(Backend ejml, int seed) {
        Random random = new Random(seed);
        Tensor x = ejml.fromArray(gaussian(random, 64 * 300), Shape.of(64, 300), DType.FLOAT64);
        Tensor w = ejml.fromArray(gaussian(random, 300 * 300), Shape.of(300, 300), DType.FLOAT64);
        Tensor gradient = ejml.zeros(Shape.of(300, 300), DType.FLOAT64);
        for (int step = 0; step < 5; step++) {
            Tensor h = ejml.matmul(x, w);
            ejml.matmulInPlace(gradient, 1, x, true, h, false, 1);
        }
        return gradient.toDoubleArray();
    }

    private static void assertProductAgrees(
            DType dtype,
            boolean concurrent,
            int m,
            int k,
            int n,
            boolean transposeA,
            boolean transposeB,
            double alpha,
            double beta,
            long seed) {
        Backend ejml = new EjmlBackend(concurrent);
        Random random = new Random(seed);
        Shape shapeA = operandShape(m, k, transposeA);
        Shape shapeB = operandShape(k, n, transposeB);
        double[] a = gaussian(random, m * k);
        double[] b = gaussian(random, k * n);
        double[] out = gaussian(random, m * n);

        Tensor expected = NAIVE.fromArray(out, Shape.of(m, n), dtype);
        NAIVE.matmulInPlace(
                expected,
                alpha,
                NAIVE.fromArray(a, shapeA, dtype),
                transposeA,
                NAIVE.fromArray(b, shapeB, dtype),
                transposeB,
                beta);
        Tensor actual = ejml.fromArray(out, Shape.of(m, n), dtype);
        ejml.matmulInPlace(
                actual,
                alpha,
                ejml.fromArray(a, shapeA, dtype),
                transposeA,
                ejml.fromArray(b, shapeB, dtype),
                transposeB,
                beta);

        double[] reference = expected.toDoubleArray();
        double scale = Arrays.stream(reference).map(Math::abs).max().orElse(1);
        assertArrayEquals(
                reference,
                actual.toDoubleArray(),
                tolerance(dtype) * Math.max(scale, 1) * k,
                () -> String.format("%dx%dx%d alpha %s beta %s", m, k, n, alpha, beta));
        assertEquals(Shape.of(m, n), actual.shape());
    }

    /** The reference product of two EJML tensors, computed by {@code reference}. */
    private static Tensor product(
            Backend reference,
            Backend ejml,
            Tensor a,
            boolean transposeA,
            Tensor b,
            boolean transposeB) {
        return reference.matmul(
                reference.fromArray(ejml.toDoubleArray(a), a.shape(), a.dtype()),
                transposeA,
                reference.fromArray(ejml.toDoubleArray(b), b.shape(), b.dtype()),
                transposeB);
    }

    /** The stored shape of an operand whose product form is {@code rows x cols}. */
    private static Shape operandShape(int rows, int cols, boolean transposed) {
        return transposed ? Shape.of(cols, rows) : Shape.of(rows, cols);
    }

    private static double[] gaussian(Random random, int length) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = random.nextGaussian();
        }
        return values;
    }

    private static double[] filled(int length, double value) {
        double[] values = new double[length];
        Arrays.fill(values, value);
        return values;
    }
}

package org.backprop4j.testkit;

import static org.backprop4j.testkit.PrimitiveCases.BETAS;
import static org.backprop4j.testkit.PrimitiveCases.ONE_TENSOR_USES;
import static org.backprop4j.testkit.PrimitiveCases.PRODUCTS;
import static org.backprop4j.testkit.PrimitiveCases.SHAPES;
import static org.backprop4j.testkit.PrimitiveCases.TWO_TENSOR_OPERATIONS;
import static org.backprop4j.testkit.PrimitiveCases.UNARY;
import static org.backprop4j.testkit.TestTensors.assertClose;
import static org.backprop4j.testkit.TestTensors.assertMatchesReference;
import static org.backprop4j.testkit.TestTensors.assertValues;
import static org.backprop4j.testkit.TestTensors.moveTo;
import static org.backprop4j.testkit.TestTensors.reference;
import static org.backprop4j.testkit.TestTensors.tolerance;
import static org.backprop4j.testkit.TestTensors.uniform;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.backprop4j.backend.Backends;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.ShapeMismatchException;
import org.backprop4j.tensor.Tensor;
import org.backprop4j.tensor.TensorScope;
import org.backprop4j.testkit.PrimitiveCases.Arithmetic;
import org.backprop4j.testkit.PrimitiveCases.Broadcast;
import org.backprop4j.testkit.PrimitiveCases.Form;
import org.backprop4j.testkit.PrimitiveCases.OneTensorUse;
import org.backprop4j.testkit.PrimitiveCases.Product;
import org.backprop4j.testkit.PrimitiveCases.TwoTensorOperation;
import org.backprop4j.testkit.PrimitiveCases.Unary;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every public operation of {@link Backend}, checked against values worked out by hand and against
 * the naive reference backend on seeded random inputs.
 *
 * <p>A backend module runs it by extending it and saying which backend to test:
 *
 * <pre>{@code
 * class EjmlPrimitiveConformanceTest extends PrimitiveConformanceSuite {
 *     protected Backend backend() {
 *         return Backends.get("ejml");
 *     }
 * }
 * }</pre>
 *
 * <p>Everything runs in float64 within {@link TestTensors#FLOAT64_TOLERANCE}, and again in float32
 * within {@link TestTensors#FLOAT32_TOLERANCE} when the backend stores float32; a backend that does
 * not is checked to refuse it. Besides values, the suite checks that no operation modifies its
 * inputs, that in-place operations change only their target, that misuse (shapes that do not fit,
 * tensors of another backend or data type, labels out of range) fails with a message that names the
 * operation and the culprit, and that operations on distinct tensors may run concurrently. Needs
 * {@code backend-naive} on the test class path.
 */
public abstract class PrimitiveConformanceSuite {

    /** The backend under test. */
    protected abstract Backend backend();

    /**
     * A backend other than {@link #backend()} whose tensors the backend under test must refuse. It
     * may be another instance of the same backend class.
     */
    protected Backend otherBackend() {
        return Backends.get(TestTensors.REFERENCE);
    }

    private Tensor tensor(DType dtype, int rows, int cols, double... values) {
        return TestTensors.tensor(backend(), dtype, rows, cols, values);
    }

    private Stream<DType> storedDtypes() {
        return Stream.of(DType.FLOAT64, DType.FLOAT32).filter(backend().dtypes()::contains);
    }

    /**
     * Base of the nested groups: one instance per group, so that their argument sources can ask the
     * backend which data types it stores.
     */
    @TestInstance(Lifecycle.PER_CLASS)
    abstract class Group {
        Stream<DType> dtypes() {
            return storedDtypes();
        }

        Stream<Arguments> dtypesAndShapes() {
            return cases(SHAPES);
        }

        /** Every stored data type combined with every choice from each of {@code axes}. */
        Stream<Arguments> cases(List<?>... axes) {
            List<List<Object>> combinations = new ArrayList<>();
            storedDtypes().forEach(dtype -> combinations.add(List.of(dtype)));
            for (List<?> axis : axes) {
                List<List<Object>> extended = new ArrayList<>();
                for (List<Object> combination : combinations) {
                    for (Object choice : axis) {
                        List<Object> longer = new ArrayList<>(combination);
                        longer.add(choice);
                        extended.add(longer);
                    }
                }
                combinations.clear();
                combinations.addAll(extended);
            }
            return combinations.stream().map(combination -> Arguments.of(combination.toArray()));
        }
    }

    @Nested
    class Creation extends Group {

        @Test
        void describesItself() {
            Backend backend = backend();

            assertAll(
                    () -> assertEquals(backend.name().toLowerCase(Locale.ROOT), backend.name()),
                    () -> assertFalse(backend.name().isBlank(), "name is blank"),
                    () -> assertTrue(backend.dtypes().contains(DType.FLOAT64), "no float64"),
                    () -> assertNotNull(backend.properties(), "properties"));
        }

        @ParameterizedTest
        @EnumSource(DType.class)
        void storesOrRefusesEveryDataType(DType dtype) {
            Backend backend = backend();

            if (backend.dtypes().contains(dtype)) {
                Tensor a = backend.fromArray(new double[] {1, 2}, Shape.of(1, 2), dtype);
                assertSame(backend, a.backend());
                assertEquals(dtype, a.dtype());
                assertEquals(dtype, backend.zeros(Shape.of(2, 2), dtype).dtype());
            } else {
                for (Executable creation :
                        List.<Executable>of(
                                () -> backend.fromArray(new double[1], Shape.of(1, 1), dtype),
                                () -> backend.zeros(Shape.of(1, 1), dtype),
                                () -> backend.oneHot(new int[] {0}, 1, dtype))) {
                    UnsupportedOperationException e =
                            assertThrows(UnsupportedOperationException.class, creation);
                    assertMessageNames(e, backend.name(), dtype.toString());
                }
            }
        }

        @ParameterizedTest
        @MethodSource("dtypes")
        void fromArrayIsRowMajor(DType dtype) {
            Tensor a = tensor(dtype, 2, 3, 1, 2, 3, 4, 5, 6);

            assertEquals(Shape.of(2, 3), a.shape());
            assertEquals(2, a.rows());
            assertEquals(3, a.cols());
            assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, a.toDoubleArray());
        }

        @ParameterizedTest
        @MethodSource("dtypes")
        void fromArrayRoundsToTheDataType(DType dtype) {
            double[] values = {0.1, 1.0 / 3, 1e10 + 1, -2.5};

            double[] stored = tensor(dtype, 1, 4, values).toDoubleArray();

            for (int i = 0; i < values.length; i++) {
                double expected = dtype == DType.FLOAT32 ? (float) values[i] : values[i];
                assertEquals(expected, stored[i], 0, "element " + i);
            }
        }

        @ParameterizedTest
        @MethodSource("dtypes")
        void fromArrayAndToDoubleArrayCopy(DType dtype) {
            double[] values = {1, 2, 3};
            Tensor a = tensor(dtype, 3, 1, values);

            values[0] = 99;
            a.toDoubleArray()[1] = 99;

            assertArrayEquals(new double[] {1, 2, 3}, a.toDoubleArray());
            assertArrayEquals(new double[] {1, 2, 3}, backend().toDoubleArray(a));
        }

        @ParameterizedTest
        @MethodSource("dtypesAndShapes")
        void zerosHasTheShapeAndOnlyZeros(DType dtype, Shape shape) {
            Tensor zeros = backend().zeros(shape, dtype);

            assertEquals(shape, zeros.shape());
            assertArrayEquals(new double[Math.toIntExact(shape.size())], zeros.toDoubleArray());
        }

        @ParameterizedTest
        @MethodSource("dtypesAndShapes")
        void copyIsEqualAndIndependent(DType dtype, Shape shape) {
            Tensor a = TestTensors.uniform(backend(), shape, dtype, 11);
            double[] before = a.toDoubleArray();

            Tensor copy = backend().copy(a);
            double[] copied = copy.toDoubleArray();
            backend().fillInPlace(copy, 7);

            assertEquals(shape, copy.shape());
            assertArrayEquals(before, copied, "copy");
            assertArrayEquals(before, a.toDoubleArray(), "original after filling the copy");
        }

        @ParameterizedTest
        @MethodSource("dtypes")
        void oneHotMarksOneColumnPerRow(DType dtype) {
            Tensor oneHot = backend().oneHot(new int[] {2, 0, 1, 2}, 3, dtype);

            assertEquals(dtype, oneHot.dtype());
            assertValues("oneHot", oneHot, 4, 3, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1);
        }

        @ParameterizedTest
        @MethodSource("dtypes")
        void scopeKeepsWhatItIsToldAndWhatCameBefore(DType dtype) {
            Backend backend = backend();
            Tensor outer = tensor(dtype, 1, 2, 1, 2);
            Tensor kept;

            try (TensorScope scope = backend.openScope()) {
                kept = scope.keep(backend.add(outer, outer));
                backend.scale(outer, 5); // a temporary that the scope may free
                backend.scaleInPlace(outer, 3);
            }

            assertValues("kept in scope", kept, 1, 2, 2, 4);
            assertValues("scaleInPlace in scope", outer, 1, 2, 3, 6);
        }
    }

    @Nested
    class MatrixProducts extends Group {

        // a = [1 2 3; 4 5 6] and b = [7 8; 9 10; 11 12], so a * b = [58 64; 139 154].
        private Tensor a(DType dtype) {
            return tensor(dtype, 2, 3, 1, 2, 3, 4, 5, 6);
        }

        private Tensor aTransposed(DType dtype) {
            return tensor(dtype, 3, 2, 1, 4, 2, 5, 3, 6);
        }

        private Tensor b(DType dtype) {
            return tensor(dtype, 3, 2, 7, 8, 9, 10, 11, 12);
        }

        private Tensor bTransposed(DType dtype) {
            return tensor(dtype, 2, 3, 7, 9, 11, 8, 10, 12);
        }

        @ParameterizedTest
        @MethodSource("dtypes")
        void everyTransposeFormGivesTheProduct(DType dtype) {
            Backend backend = backend();
            Tensor a = a(dtype);
            Tensor b = b(dtype);
            Tensor aT = aTransposed(dtype);
            Tensor bT = bTransposed(dtype);

            assertValues("a * b", backend.matmul(a, b), 2, 2, 58, 64, 139, 154);
            assertValues("a^T * b", backend.matmul(aT, true, b, false), 2, 2, 58, 64, 139, 154);
            assertValues("a * b^T", backend.matmul(a, false, bT, true), 2, 2, 58, 64, 139, 154);
            assertValues("a^T * b^T", backend.matmul(aT, true, bT, true), 2, 2, 58, 64, 139, 154);
        }

        @ParameterizedTest
        @MethodSource("dtypes")
        void matmulInPlaceScalesTheProductAndTheOldValues(DType dtype) {
            Tensor out = tensor(dtype, 2, 2, 1, 2, 3, 4);

            backend().matmulInPlace(out, 2, a(dtype), false, b(dtype), false, 0.5);

            assertValues("matmulInPlace alpha=2 beta=0.5", out, 2, 2, 116.5, 129, 279.5, 310);
        }

        @ParameterizedTest
        @MethodSource("dtypes")
        void matmulInPlaceWithBetaOneAccumulates(DType dtype) {
            Tensor out = tensor(dtype, 2, 2, 1, 1, 1, 1);

            backend().matmulInPlace(out, 1, aTransposed(dtype), true, b(dtype), false, 1);
            backend().matmulInPlace(out, 1, aTransposed(dtype), true, b(dtype), false, 1);

            assertValues("matmulInPlace beta=1, twice", out, 2, 2, 117, 129, 279, 309);
        }

        @ParameterizedTest
        @MethodSource("dtypes")
        void matmulInPlaceWithBetaZeroIgnoresNaNAndInfinity(DType dtype) {
            Tensor out = tensor(dtype, 2, 2, Double.NaN, Double.POSITIVE_INFINITY, 0, -0.0);

            backend().matmulInPlace(out, 1, a(dtype), false, bTransposed(dtype), true, 0);

            assertValues("matmulInPlace beta=0", out, 2, 2, 58, 64, 139, 154);
        }

        @ParameterizedTest
        @MethodSource("dtypes")
        void matmulInPlaceWritesOnlyOut(DType dtype) {
            Tensor a = a(dtype);
            Tensor bT = bTransposed(dtype);
            Tensor out = backend().zeros(Shape.of(2, 2), dtype);

            backend().matmulInPlace(out, 1, a, false, bT, true, 0);

            assertValues("a after matmulInPlace", a, 2, 3, 1, 2, 3, 4, 5, 6);
            assertValues("b^T after matmulInPlace", bT, 2, 3, 7, 9, 11, 8, 10, 12);
        }

        Stream<Arguments> productCases() {
            return cases(PRODUCTS, List.of(Form.values()));
        }

        @ParameterizedTest(name = "{0}: {2}, {1}")
        @MethodSource("productCases")
        void matmulMatchesReference(DType dtype, Product product, Form form) {
            assertMatchesReference(
                    "matmul " + form + ", " + product,
                    backend(),
                    dtype,
                    seed(product),
                    -1,
                    1,
                    (backend, in) -> backend.matmul(in[0], form.transposeA, in[1], form.transposeB),
                    form.aShape(product),
                    form.bShape(product));
        }

        Stream<Arguments> inPlaceCases() {
            // The largest product adds nothing to the in-place logic but time, so it is left out.
            return cases(PRODUCTS.subList(0, PRODUCTS.size() - 1), List.of(Form.values()), BETAS);
        }

        @ParameterizedTest(name = "{0}: {2}, {1}, alpha=-0.75, beta={3}")
        @MethodSource("inPlaceCases")
        void matmulInPlaceMatchesReference(DType dtype, Product product, Form form, double beta) {
            assertMatchesReference(
                    "matmulInPlace " + form + ", " + product + ", beta=" + beta,
                    backend(),
                    dtype,
                    seed(product),
                    -1,
                    1,
                    (backend, in) -> {
                        Tensor out = backend.copy(in[2]);
                        backend.matmulInPlace(
                                out, -0.75, in[0], form.transposeA, in[1], form.transposeB, beta);
                        return out;
                    },
                    form.aShape(product),
                    form.bShape(product),
                    product.out());
        }

        private long seed(Product product) {
            return product.m() * 1_000_000L + product.k() * 1000L + product.n();
        }
    }

    @Nested
    class Elementwise extends Group {

        @ParameterizedTest
        @MethodSource("dtypes")
        void arithmeticBroadcastsTheRightOperand(DType dtype) {
            Backend backend = backend();
            Tensor a = tensor(dtype, 2, 3, 1, 2, 3, 4, 5, 6);
            Tensor same = tensor(dtype, 2, 3, 6, 5, 4, 3, 2, 1);
            Tensor row = tensor(dtype, 1, 3, 10, 20, 30);
            Tensor column = tensor(dtype, 2, 1, 100, 200);
            Tensor scalar = tensor(dtype, 1, 1, 2);

            assertValues("add same", backend.add(a, same), 2, 3, 7, 7, 7, 7, 7, 7);
            assertValues("add row", backend.add(a, row), 2, 3, 11, 22, 33, 14, 25, 36);
            assertValues("add column", backend.add(a, column), 2, 3, 101, 102, 103, 204, 205, 206);
            assertValues("add scalar", backend.add(a, scalar), 2, 3, 3, 4, 5, 6, 7, 8);
            assertValues("sub row", backend.sub(a, row), 2, 3, -9, -18, -27, -6, -15, -24);
            assertValues(
                    "sub column", backend.sub(a, column), 2, 3, -99, -98, -97, -196, -195, -194);
            assertValues("mul same", backend.mul(a, same), 2, 3, 6, 10, 12, 12, 10, 6);
            assertValues(
                    "mul column", backend.mul(a, column), 2, 3, 100, 200, 300, 800, 1000, 1200);
            assertValues(
                    "div same", backend.div(a, same), 2, 3, 1 / 6.0, 0.4, 0.75, 4 / 3.0, 2.5, 6);
            assertValues("div scalar", backend.div(a, scalar), 2, 3, 0.5, 1, 1.5, 2, 2.5, 3);
        }

        @ParameterizedTest
        @MethodSource("dtypes")
        void functionsOfOneTensor(DType dtype) {
            Backend backend = backend();
            double e = Math.E;

            assertValues("exp", backend.exp(tensor(dtype, 1, 3, 0, 1, -1)), 1, 3, 1, e, 1 / e);
            assertValues(
                    "log", backend.log(tensor(dtype, 1, 3, 1, e, 0.5)), 1, 3, 0, 1, -Math.log(2));
            assertValues(
                    "sqrt", backend.sqrt(tensor(dtype, 3, 1, 0, 4, 2)), 3, 1, 0, 2, Math.sqrt(2));
            Tensor x = tensor(dtype, 1, 3, 1, -2, 0.5);
            assertValues("affine", backend.affine(x, 3, -1), 1, 3, 2, -7, 0.5);
            assertValues("scale", backend.scale(x, -2), 1, 3, -2, 4, -1);
            assertValues("maximum", backend.maximum(x, 0.75), 1, 3, 1, 0.75, 0.75);
            assertValues("relu", backend.relu(x), 1, 3, 1, 0, 0.5);
        }

        @ParameterizedTest
        @MethodSource("dtypes")
        void greaterThanIsStrictAndFalseForNaN(DType dtype) {
            Tensor x = tensor(dtype, 1, 5, -1, 0, 1e-3, Double.NaN, 2);

            assertValues("greaterThan", backend().greaterThan(x, 0), 1, 5, 0, 0, 1, 0, 1);
        }

        @ParameterizedTest
        @MethodSource("dtypes")
        void reluBackwardPassesTheGradientWhereTheInputIsPositive(DType dtype) {
            Tensor gradOut = tensor(dtype, 2, 2, 5, 6, 7, 8);
            Tensor input = tensor(dtype, 2, 2, -1, 0, 2, 1e-3);

            assertValues("reluBackward", backend().reluBackward(gradOut, input), 2, 2, 0, 0, 7, 8);
        }

        @ParameterizedTest
        @MethodSource("dtypes")
        void sigmoidAndTanhByHand(DType dtype) {
            Tensor x = tensor(dtype, 1, 3, 0, Math.log(3), -Math.log(3));
            Tensor y = tensor(dtype, 1, 3, 0, Math.log(2), -Math.log(2));

            assertValues("sigmoid", backend().sigmoid(x), 1, 3, 0.5, 0.75, 0.25);
            assertValues("tanh", backend().tanh(y), 1, 3, 0, 0.6, -0.6);
        }

        @ParameterizedTest
        @MethodSource("dtypes")
        void sigmoidAndTanhSaturateWithoutOverflow(DType dtype) {
            Tensor x = tensor(dtype, 1, 4, -1000, -750, 750, 1000);

            assertValues("sigmoid", backend().sigmoid(x), 1, 4, 0, 0, 1, 1);
            assertValues("tanh", backend().tanh(x), 1, 4, -1, -1, 1, 1);
        }

        Stream<Arguments> binaryCases() {
            return cases(SHAPES, List.of(Broadcast.values()));
        }

        @ParameterizedTest(name = "{0}: {1} with {2}")
        @MethodSource("binaryCases")
        void arithmeticMatchesReference(DType dtype, Shape left, Broadcast broadcast) {
            Shape right = broadcast.rightShape(left);

            for (Arithmetic op : Arithmetic.values()) {
                assertMatchesReference(
                        op + " " + left + " with " + right,
                        backend(),
                        dtype,
                        left.size() * 31 + right.size(),
                        op.low,
                        op.high,
                        (backend, in) -> op.function.apply(backend, in[0], in[1]),
                        left,
                        right);
            }
        }

        Stream<Arguments> unaryCases() {
            return cases(UNARY, SHAPES);
        }

        @ParameterizedTest(name = "{0}: {1} of {2}")
        @MethodSource("unaryCases")
        void oneTensorOperationsMatchReference(DType dtype, Unary operation, Shape shape) {
            assertMatchesReference(
                    operation.name() + " " + shape,
                    backend(),
                    dtype,
                    shape.size() + operation.name().hashCode(),
                    operation.low(),
                    operation.high(),
                    (backend, in) -> operation.function().apply(backend, in[0]),
                    shape);
        }

        @ParameterizedTest
        @MethodSource("dtypesAndShapes")
        void reluBackwardMatchesReference(DType dtype, Shape shape) {
            assertMatchesReference(
                    "reluBackward " + shape,
                    backend(),
                    dtype,
                    shape.size(),
                    -1,
                    1,
                    (backend, in) -> backend.reluBackward(in[0], in[1]),
                    shape,
                    shape);
        }
    }

    @Nested
    class Reductions extends Group {

        @ParameterizedTest
        @MethodSource("dtypes")
        void sumsAndMaximaByHand(DType dtype) {
            Backend backend = backend();
            Tensor a = tensor(dtype, 2, 3, 1, -2, 3, -4, 5, -6);

            assertValues("sumColumns", backend.sumColumns(a), 1, 3, -3, 3, -3);
            assertValues("sumRows", backend.sumRows(a), 2, 1, 2, -5);
            assertValues("maxRows", backend.maxRows(a), 2, 1, 3, 5);
            assertEquals(-3, backend.sum(a), 0, "sum");
        }

        @ParameterizedTest
        @MethodSource("dtypes")
        void maxOfNegativeRowsIsNegative(DType dtype) {
            Tensor a = tensor(dtype, 2, 3, -3, -1, -2, -7, -9, -8);

            assertValues("maxRows", backend().maxRows(a), 2, 1, -1, -7);
            assertArrayEquals(new int[] {1, 0}, backend().argmaxRows(a), "argmaxRows");
        }

        @ParameterizedTest
        @MethodSource("dtypes")
        void argmaxTakesTheFirstOfEqualValues(DType dtype) {
            Tensor a = tensor(dtype, 4, 3, 1, 3, 3, 5, 5, 5, -1, -2, -1, 0, 0, 1);

            assertArrayEquals(new int[] {1, 0, 0, 2}, backend().argmaxRows(a));
        }

        @ParameterizedTest
        @MethodSource("dtypesAndShapes")
        void argmaxAndSumMatchReference(DType dtype, Shape shape) {
            Tensor a = TestTensors.uniform(backend(), shape, dtype, shape.size());
            Tensor onReference = TestTensors.moveTo(TestTensors.reference(), a);
            double[] before = a.toDoubleArray();

            int[] argmax = backend().argmaxRows(a);
            double sum = backend().sum(a);

            assertArrayEquals(TestTensors.reference().argmaxRows(onReference), argmax);
            double expectedSum = TestTensors.reference().sum(onReference);
            double tolerance = TestTensors.tolerance(dtype);
            assertEquals(expectedSum, sum, tolerance * (1 + Math.abs(expectedSum)), "sum");
            assertArrayEquals(before, a.toDoubleArray(), "argmaxRows or sum modified its input");
        }
    }

    @Nested
    class RowFunctions extends Group {

        @ParameterizedTest
        @MethodSource("dtypes")
        void softmaxByHand(DType dtype) {
            Tensor a = tensor(dtype, 2, 2, 0, Math.log(3), 5, 5);

            assertValues("softmaxRows", backend().softmaxRows(a), 2, 2, 0.25, 0.75, 0.5, 0.5);
        }

        @ParameterizedTest
        @MethodSource("dtypes")
        void softmaxIsStableForLargeValues(DType dtype) {
            Tensor a = tensor(dtype, 4, 2, 1000, 1000, -1000, -1000, 1000, -1000, -1000, 0);

            assertValues("softmaxRows", backend().softmaxRows(a), 4, 2, .5, .5, .5, .5, 1, 0, 0, 1);
        }

        @ParameterizedTest
        @MethodSource("dtypes")
        void logSumExpByHand(DType dtype) {
            Tensor a = tensor(dtype, 2, 3, 0, 0, 0, 0, Math.log(2), Math.log(3));

            assertValues(
                    "logSumExpRows", backend().logSumExpRows(a), 2, 1, Math.log(3), Math.log(6));
        }

        @ParameterizedTest
        @MethodSource("dtypes")
        void logSumExpIsStableForLargeValues(DType dtype) {
            Tensor a = tensor(dtype, 3, 2, 1000, 1000, -1000, -1000, 1000, -1000);
            double log2 = Math.log(2);

            assertValues(
                    "logSumExpRows",
                    backend().logSumExpRows(a),
                    3,
                    1,
                    1000 + log2,
                    -1000 + log2,
                    1000);
        }

        @ParameterizedTest
        @MethodSource("dtypes")
        void pickColumnsTakesOneElementPerRow(DType dtype) {
            Tensor a = tensor(dtype, 3, 3, 1, 2, 3, 4, 5, 6, 7, 8, 9);

            assertValues(
                    "pickColumns", backend().pickColumns(a, new int[] {2, 0, 1}), 3, 1, 3, 4, 8);
        }

        @ParameterizedTest
        @MethodSource("dtypes")
        void softmaxCrossEntropyByHand(DType dtype) {
            // Row 0: softmax (1/4, 3/4), class 1, loss -log(3/4); row 1: (1/2, 1/2), class 0.
            Tensor logits = tensor(dtype, 2, 2, 0, Math.log(3), 5, 5);

            Backend.LossAndGradient result =
                    backend().softmaxCrossEntropy(logits, new int[] {1, 0});

            double expected = (-Math.log(0.75) + Math.log(2)) / 2;
            assertEquals(expected, result.value(), tolerance(dtype), "softmaxCrossEntropy value");
            assertValues(
                    "softmaxCrossEntropy gradient",
                    result.gradient(),
                    2,
                    2,
                    0.25 / 2,
                    (0.75 - 1) / 2,
                    (0.5 - 1) / 2,
                    0.5 / 2);
        }

        @ParameterizedTest
        @MethodSource("dtypes")
        void softmaxCrossEntropyIsStableForLargeLogits(DType dtype) {
            Tensor logits = tensor(dtype, 2, 2, 1000, -1000, -1000, 1000);

            Backend.LossAndGradient result =
                    backend().softmaxCrossEntropy(logits, new int[] {1, 1});

            assertEquals(1000, result.value(), 1000 * tolerance(dtype), "loss at logits of 1000");
            assertValues("softmaxCrossEntropy gradient", result.gradient(), 2, 2, .5, -.5, 0, 0);
        }

        @ParameterizedTest
        @MethodSource("dtypesAndShapes")
        void softmaxCrossEntropyMatchesReference(DType dtype, Shape shape) {
            int[] classes = new int[shape.rows()];
            for (int row = 0; row < classes.length; row++) {
                classes[row] = (row * 5 + 1) % shape.cols();
            }
            Tensor logits = uniform(backend(), shape, dtype, shape.size(), -5, 5);
            Tensor onReference = moveTo(reference(), logits);

            Backend.LossAndGradient actual = backend().softmaxCrossEntropy(logits, classes);
            Backend.LossAndGradient expected =
                    reference().softmaxCrossEntropy(onReference, classes);

            String operation = "softmaxCrossEntropy " + shape;
            double tolerance = tolerance(dtype);
            assertEquals(
                    expected.value(),
                    actual.value(),
                    tolerance * (1 + Math.abs(expected.value())),
                    operation + " value");
            assertClose(operation, expected.gradient(), actual.gradient(), tolerance);
        }

        @ParameterizedTest
        @MethodSource("dtypesAndShapes")
        void pickColumnsMatchesReference(DType dtype, Shape shape) {
            int[] columns = new int[shape.rows()];
            for (int row = 0; row < columns.length; row++) {
                columns[row] = (row * 7 + 3) % shape.cols();
            }

            assertMatchesReference(
                    "pickColumns " + shape,
                    backend(),
                    dtype,
                    shape.size(),
                    -1,
                    1,
                    (backend, in) -> backend.pickColumns(in[0], columns),
                    shape);
        }
    }

    @Nested
    class InPlace extends Group {

        @ParameterizedTest
        @MethodSource("dtypes")
        void addScaledInPlaceChangesOnlyTheTarget(DType dtype) {
            Tensor target = tensor(dtype, 1, 3, 1, 2, 3);
            Tensor x = tensor(dtype, 1, 3, 10, 20, 30);
            Tensor earlierCopy = backend().copy(target);

            backend().addScaledInPlace(target, 0.5, x);

            assertValues("target", target, 1, 3, 6, 12, 18);
            assertValues("x", x, 1, 3, 10, 20, 30);
            assertValues("copy of the target", earlierCopy, 1, 3, 1, 2, 3);
        }

        @ParameterizedTest
        @MethodSource("dtypes")
        void scaleAndFillInPlaceChangeOnlyTheTarget(DType dtype) {
            Tensor target = tensor(dtype, 3, 1, 1, -2, 3);
            Tensor earlierCopy = backend().copy(target);

            backend().scaleInPlace(target, -2);
            assertValues("scaleInPlace", target, 3, 1, -2, 4, -6);
            backend().fillInPlace(target, 7.5);
            assertValues("fillInPlace", target, 3, 1, 7.5, 7.5, 7.5);

            assertValues("copy of the target", earlierCopy, 3, 1, 1, -2, 3);
        }

        @ParameterizedTest
        @MethodSource("dtypes")
        void copyInPlaceCopiesValuesNotTheTensor(DType dtype) {
            Tensor target = tensor(dtype, 2, 2, 1, 2, 3, 4);
            Tensor source = tensor(dtype, 2, 2, 5, 6, 7, 8);

            backend().copyInPlace(target, source);
            backend().scaleInPlace(source, 10);

            assertValues("target", target, 2, 2, 5, 6, 7, 8);
            assertValues("source", source, 2, 2, 50, 60, 70, 80);
        }

        @ParameterizedTest
        @MethodSource("dtypesAndShapes")
        void updatesMatchReference(DType dtype, Shape shape) {
            long seed = shape.size() * 3;

            assertMatchesReference(
                    "addScaledInPlace " + shape,
                    backend(),
                    dtype,
                    seed,
                    -1,
                    1,
                    (backend, in) -> {
                        Tensor target = backend.copy(in[0]);
                        backend.addScaledInPlace(target, -0.3, in[1]);
                        return target;
                    },
                    shape,
                    shape);
            assertMatchesReference(
                    "scaleInPlace then copyInPlace " + shape,
                    backend(),
                    dtype,
                    seed,
                    -1,
                    1,
                    (backend, in) -> {
                        Tensor target = backend.copy(in[0]);
                        backend.scaleInPlace(target, 1.75);
                        Tensor copy = backend.zeros(shape, dtype);
                        backend.copyInPlace(copy, target);
                        return copy;
                    },
                    shape);
        }
    }

    @Nested
    class Misuse extends Group {
        private final Shape left = Shape.of(2, 3);
        private final Shape right = Shape.of(4, 5);

        Stream<TwoTensorOperation> twoTensorOperations() {
            return TWO_TENSOR_OPERATIONS.stream();
        }

        @ParameterizedTest
        @MethodSource("twoTensorOperations")
        void shapesThatDoNotFitAreNamed(TwoTensorOperation operation) {
            Tensor a = backend().zeros(left, DType.FLOAT64);
            Tensor b = backend().zeros(right, DType.FLOAT64);

            ShapeMismatchException e =
                    assertThrows(
                            ShapeMismatchException.class,
                            () -> operation.call().apply(backend(), a, b));

            assertEquals(left, e.left());
            assertEquals(right, e.right());
            assertMessageNames(e, operation.name(), left.toString(), right.toString());
        }

        @Test
        void broadcastOfTheWrongLengthIsNamed() {
            Tensor a = backend().zeros(left, DType.FLOAT64);

            for (Shape wrong : List.of(Shape.of(1, 2), Shape.of(3, 1), Shape.of(2, 2))) {
                Tensor b = backend().zeros(wrong, DType.FLOAT64);
                ShapeMismatchException e =
                        assertThrows(ShapeMismatchException.class, () -> backend().add(a, b));
                assertMessageNames(e, "add", left.toString(), wrong.toString());
            }
        }

        @Test
        void matmulInPlaceNamesAnOutOfTheWrongShape() {
            Tensor a = backend().zeros(Shape.of(2, 3), DType.FLOAT64);
            Tensor b = backend().zeros(Shape.of(3, 2), DType.FLOAT64);
            Tensor out = backend().zeros(Shape.of(3, 3), DType.FLOAT64);

            ShapeMismatchException e =
                    assertThrows(
                            ShapeMismatchException.class,
                            () -> backend().matmulInPlace(out, 1, a, false, b, false, 0));

            assertMessageNames(e, "matmulInPlace", "3x3", "2x2");
        }

        @ParameterizedTest
        @MethodSource("twoTensorOperations")
        void tensorsOfAnotherBackendAreRefused(TwoTensorOperation operation) {
            Backend other = otherBackend();
            Tensor own = backend().zeros(Shape.of(2, 2), DType.FLOAT64);
            Tensor foreign = other.zeros(Shape.of(2, 2), DType.FLOAT64);

            assertRefusesForeign(
                    operation.method(), () -> operation.call().apply(backend(), foreign, own));
            assertRefusesForeign(
                    operation.method(), () -> operation.call().apply(backend(), own, foreign));
        }

        Stream<OneTensorUse> oneTensorUses() {
            return ONE_TENSOR_USES.stream();
        }

        @ParameterizedTest
        @MethodSource("oneTensorUses")
        void aTensorOfAnotherBackendIsRefused(OneTensorUse use) {
            Tensor foreign = otherBackend().zeros(Shape.of(2, 2), DType.FLOAT64);

            assertRefusesForeign(use.reportedName(), () -> use.call().apply(backend(), foreign));
        }

        @ParameterizedTest
        @MethodSource("twoTensorOperations")
        void mixedDataTypesAreRefused(TwoTensorOperation operation) {
            Backend backend = backend();
            if (!backend.dtypes().contains(DType.FLOAT32)) {
                // With one data type nothing can be mixed; the refusal to make another is checked.
                assertThrows(
                        UnsupportedOperationException.class,
                        () -> backend.zeros(Shape.of(2, 2), DType.FLOAT32));
                return;
            }
            Tensor double64 = backend.zeros(Shape.of(2, 2), DType.FLOAT64);
            Tensor single32 = backend.zeros(Shape.of(2, 2), DType.FLOAT32);

            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> operation.call().apply(backend, double64, single32));

            assertMessageNames(e, operation.method(), "float64", "float32");
        }

        @Test
        void fromArrayNamesAWrongLength() {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> backend().fromArray(new double[5], left, DType.FLOAT64));

            assertMessageNames(e, "fromArray", "5", left.toString());
        }

        @Test
        void labelsOutOfRangeAreNamedWithRowAndClassCount() {
            Tensor scores = backend().zeros(Shape.of(3, 4), DType.FLOAT64);

            IllegalArgumentException oneHot =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> backend().oneHot(new int[] {0, 4, 1}, 4, DType.FLOAT64));
            IllegalArgumentException negative =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> backend().oneHot(new int[] {-1}, 4, DType.FLOAT64));
            IllegalArgumentException pick =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> backend().pickColumns(scores, new int[] {1, 2, 7}));
            IllegalArgumentException loss =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> backend().softmaxCrossEntropy(scores, new int[] {1, 9, 2}));
            IllegalArgumentException tooFew =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> backend().softmaxCrossEntropy(scores, new int[] {1, 2}));

            assertMessageNames(oneHot, "oneHot", "label 4", "row 1", "4 classes");
            assertMessageNames(negative, "oneHot", "label -1", "row 0", "4 classes");
            assertMessageNames(pick, "pickColumns", "label 7", "row 2", "4 classes");
            assertMessageNames(loss, "softmaxCrossEntropy", "label 9", "row 1", "4 classes");
            assertMessageNames(tooFew, "softmaxCrossEntropy", "2 labels", "3 rows", "3x4");
        }

        @Test
        void pickColumnsNamesAWrongNumberOfColumns() {
            Tensor scores = backend().zeros(Shape.of(3, 4), DType.FLOAT64);

            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> backend().pickColumns(scores, new int[] {1, 2}));

            assertMessageNames(e, "pickColumns", "2", "3");
        }

        private void assertRefusesForeign(String operation, Executable executable) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, executable);
            assertFalse(e instanceof ShapeMismatchException, "refused for shape, not backend");
            assertMessageNames(e, operation, otherBackend().name(), backend().name());
        }
    }

    @Nested
    class Threads extends Group {

        @ParameterizedTest
        @MethodSource("dtypes")
        void operationsOnDistinctTensorsRunConcurrently(DType dtype) throws Exception {
            Backend backend = backend();
            Tensor weights = TestTensors.uniform(backend, Shape.of(64, 32), dtype, 1);
            Tensor bias = TestTensors.uniform(backend, Shape.of(1, 32), dtype, 2);
            int threads = 4;
            List<Tensor> inputs = new ArrayList<>();
            List<Tensor> expected = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                inputs.add(TestTensors.uniform(backend, Shape.of(16, 64), dtype, 10 + i));
                expected.add(step(backend, inputs.get(i), weights, bias));
            }

            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Tensor>> results = new ArrayList<>();
                for (Tensor input : inputs) {
                    results.add(pool.submit(() -> repeatSteps(backend, input, weights, bias)));
                }
                for (int i = 0; i < threads; i++) {
                    TestTensors.assertClose(
                            "training step on thread " + i,
                            expected.get(i),
                            results.get(i).get(),
                            TestTensors.tolerance(dtype));
                }
            } finally {
                pool.shutdownNow();
            }
        }

        private Tensor repeatSteps(Backend backend, Tensor input, Tensor weights, Tensor bias) {
            Tensor result = null;
            for (int repeat = 0; repeat < 25; repeat++) {
                result = step(backend, input, weights, bias);
            }
            return result;
        }

        /** A forward and backward pass of a sigmoid layer, ending in an in-place update. */
        private Tensor step(Backend backend, Tensor input, Tensor weights, Tensor bias) {
            Tensor hidden = backend.sigmoid(backend.add(backend.matmul(input, weights), bias));
            Tensor probabilities = backend.softmaxRows(hidden);
            Tensor gradient = backend.zeros(weights.shape(), weights.dtype());
            backend.matmulInPlace(gradient, 1, input, true, probabilities, false, 0);
            backend.addScaledInPlace(gradient, -0.1, weights);
            return gradient;
        }
    }

    private static void assertMessageNames(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(
                    e.getMessage() != null && e.getMessage().contains(part),
                    () -> "message should name '" + part + "': " + e.getMessage());
        }
    }
}

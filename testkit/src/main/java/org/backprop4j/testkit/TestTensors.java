package org.backprop4j.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import org.backprop4j.backend.Backends;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.Tensor;

/**
 * Helpers for tests of tensors: seeded random tensors, comparison with the naive reference backend,
 * and approximate equality whose failure names the operation and the worst element.
 *
 * <p>Two values agree when {@code |actual - expected| <= tolerance * (1 + |expected|)}: relative
 * for large values and absolute near zero, where a relative test would reject the rounding noise
 * left by cancellation. NaN agrees only with NaN, and an infinity only with itself.
 */
public final class TestTensors {

    /**
     * The tolerance for float64 results. Backends may sum in different orders (blocked kernels,
     * FMA); over the longest inner product tested (784 terms of size about 1) the difference that
     * causes stays near {@code sqrt(784) * 2.2e-16}, about 1e-14, and below {@code 784 * 2.2e-16},
     * about 2e-13, at worst. 1e-12 leaves room for that and still catches any indexing or formula
     * error, which shows up at the size of the values themselves.
     */
    public static final double FLOAT64_TOLERANCE = 1e-12;

    /**
     * The tolerance for float32 results. A float32 backend rounds every partial sum to a 24-bit
     * mantissa (epsilon 1.2e-7); over 784 terms the accumulated error is typically {@code sqrt(784)
     * * 1.2e-7}, about 3e-6, relative to the magnitudes summed, and vectorized float32 exp, log and
     * tanh differ from the correctly rounded ones by a few units in the last place. 1e-4 covers
     * both with margin while any real error is far larger.
     */
    public static final double FLOAT32_TOLERANCE = 1e-4;

    /** The name of the backend every other one is compared with. */
    public static final String REFERENCE = "naive";

    private TestTensors() {}

    /** {@link #FLOAT64_TOLERANCE} or {@link #FLOAT32_TOLERANCE}. */
    public static double tolerance(DType dtype) {
        return dtype == DType.FLOAT32 ? FLOAT32_TOLERANCE : FLOAT64_TOLERANCE;
    }

    /**
     * The reference backend, found by name, so that this module need not depend on it; a module
     * that runs these suites has {@code backend-naive} in test scope.
     */
    public static Backend reference() {
        return Backends.get(REFERENCE);
    }

    /** {@code count} values drawn uniformly from {@code [low, high)}, the same for a given seed. */
    public static double[] uniformValues(long seed, int count, double low, double high) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = random.nextDouble(low, high);
        }
        return values;
    }

    /** A tensor of values drawn uniformly from {@code [-1, 1)}. */
    public static Tensor uniform(Backend backend, Shape shape, DType dtype, long seed) {
        return uniform(backend, shape, dtype, seed, -1, 1);
    }

    /** A tensor of values drawn uniformly from {@code [low, high)}. */
    public static Tensor uniform(
            Backend backend, Shape shape, DType dtype, long seed, double low, double high) {
        double[] values = uniformValues(seed, Math.toIntExact(shape.size()), low, high);
        return backend.fromArray(values, shape, dtype);
    }

    /** A tensor of {@code rows x cols} written out by hand, row after row. */
    public static Tensor tensor(
            Backend backend, DType dtype, int rows, int cols, double... values) {
        return backend.fromArray(values, Shape.of(rows, cols), dtype);
    }

    /** The same elements, shape and data type on {@code target}. */
    public static Tensor moveTo(Backend target, Tensor tensor) {
        return target.fromArray(tensor.toDoubleArray(), tensor.shape(), tensor.dtype());
    }

    /**
     * Asserts that {@code actual} has {@code rows x cols} elements close to {@code expected},
     * within the tolerance of its data type.
     */
    public static void assertValues(
            String operation, Tensor actual, int rows, int cols, double... expected) {
        assertEquals(Shape.of(rows, cols), actual.shape(), () -> operation + ": shape");
        assertClose(
                operation,
                expected,
                actual.toDoubleArray(),
                actual.shape(),
                tolerance(actual.dtype()));
    }

    /**
     * Asserts equal shapes and data types and elements close within {@code tolerance}; the tensors
     * may belong to different backends.
     */
    public static void assertClose(
            String operation, Tensor expected, Tensor actual, double tolerance) {
        assertEquals(expected.shape(), actual.shape(), () -> operation + ": shape");
        assertEquals(expected.dtype(), actual.dtype(), () -> operation + ": data type");
        assertClose(
                operation,
                expected.toDoubleArray(),
                actual.toDoubleArray(),
                actual.shape(),
                tolerance);
    }

    /**
     * Asserts that the row-major elements of a tensor of {@code shape} are close to {@code
     * expected}; on failure the message names the operation, the worst element by row and column,
     * both values and how many elements disagree.
     */
    public static void assertClose(
            String operation, double[] expected, double[] actual, Shape shape, double tolerance) {
        assertEquals(expected.length, actual.length, () -> operation + ": number of elements");

        int worst = -1;
        double worstExcess = 0;
        int failures = 0;
        for (int i = 0; i < expected.length; i++) {
            double excess = excess(expected[i], actual[i], tolerance);
            if (excess > 0) {
                failures++;
                if (worst < 0 || excess > worstExcess) {
                    worst = i;
                    worstExcess = excess;
                }
            }
        }

        if (worst >= 0) {
            int cols = shape.rank() == 2 && shape.cols() > 0 ? shape.cols() : expected.length;
            fail(
                    String.format(
                            "%s: element [%d, %d] of %s is %s, expected %s (tolerance %.1e"
                                    + " relative, %.1e near zero); %d of %d elements differ",
                            operation,
                            worst / cols,
                            worst % cols,
                            shape,
                            actual[worst],
                            expected[worst],
                            tolerance,
                            tolerance,
                            failures,
                            expected.length));
        }
    }

    /**
     * How far {@code actual} lies beyond the allowed distance from {@code expected}, as a multiple
     * of that distance; zero or less when it agrees.
     */
    private static double excess(double expected, double actual, double tolerance) {
        if (Double.isNaN(expected) || Double.isNaN(actual) || Double.isInfinite(expected)) {
            return Double.compare(expected, actual) == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        double allowed = tolerance * (1 + Math.abs(expected));
        return Math.abs(actual - expected) / allowed - 1;
    }

    /**
     * Runs {@code operation} on {@code backend} and on the reference with identical seeded inputs
     * of the given shapes, drawn from {@code [low, high)}, and asserts that the results agree
     * within the data type's tolerance and that the operation left its inputs untouched.
     *
     * @return the result on {@code backend}, for further checks
     */
    public static Tensor assertMatchesReference(
            String operation,
            Backend backend,
            DType dtype,
            long seed,
            double low,
            double high,
            TensorFunction function,
            Shape... inputShapes) {
        Backend reference = reference();
        Tensor[] inputs = new Tensor[inputShapes.length];
        Tensor[] referenceInputs = new Tensor[inputShapes.length];
        double[][] before = new double[inputShapes.length][];
        for (int i = 0; i < inputShapes.length; i++) {
            inputs[i] = uniform(backend, inputShapes[i], dtype, seed + i, low, high);
            referenceInputs[i] = moveTo(reference, inputs[i]);
            before[i] = inputs[i].toDoubleArray();
        }

        Tensor actual = function.apply(backend, inputs);
        Tensor expected = function.apply(reference, referenceInputs);

        String label = operation + " [" + backend.name() + ", " + dtype + "]";
        assertClose(label, expected, actual, tolerance(dtype));
        assertHeldInItsDataType(label, actual);
        for (int i = 0; i < inputs.length; i++) {
            assertArrayEquals(
                    before[i],
                    inputs[i].toDoubleArray(),
                    label + " modified its input " + i + " (" + inputShapes[i] + ")");
        }
        return actual;
    }

    /**
     * Asserts that every element of a float32 tensor is a {@code float} value, as its data type
     * promises to whoever reads it back; float64 tensors pass trivially.
     */
    public static void assertHeldInItsDataType(String operation, Tensor tensor) {
        if (tensor.dtype() != DType.FLOAT32) {
            return;
        }
        double[] values = tensor.toDoubleArray();
        for (int i = 0; i < values.length; i++) {
            if (Double.compare(values[i], (float) values[i]) != 0) {
                fail(
                        operation
                                + ": element "
                                + i
                                + " of a float32 tensor is "
                                + values[i]
                                + ", which no float holds");
            }
        }
    }

    /** An operation on the tensors of one backend, to be run on two backends and compared. */
    @FunctionalInterface
    public interface TensorFunction {
        /** The result of the operation on {@code inputs}, all of {@code backend}. */
        Tensor apply(Backend backend, Tensor... inputs);
    }
}

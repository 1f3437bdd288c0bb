package org.backprop4j.backend.naive;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.Tensor;

/**
 * The reference backend: plain Java arrays, row-major, one thread, loops a reader can check by eye.
 *
 * <p>Every other backend is tested against this one, so it favours obvious correctness over speed;
 * its loops still run in an order that reads memory sequentially.
 *
 * <p><b>Data types.</b> Both {@link DType#FLOAT64} and {@link DType#FLOAT32} tensors store their
 * elements in a {@code double[]}. For float32, every result is rounded to the nearest {@code float}
 * ({@code (double) (float) x}) before it is stored, so tensors hold exactly the values a float32
 * backend could hold. Intermediate sums (in matrix products, reductions and softmax) are carried in
 * double and rounded once, so float32 results here are at least as accurate as true float32
 * arithmetic, which makes them a fair reference for it.
 *
 * <p><b>Threads.</b> The backend has no mutable state; operations on distinct tensors may run on
 * any number of threads at once. A tensor written by an {@code InPlace} operation must not be read
 * or written by another thread at the same time.
 */
public final class NaiveBackend extends Backend {

    /** The name this backend is selected by. */
    public static final String NAME = "naive";

    private static final Set<DType> DTYPES =
            Collections.unmodifiableSet(EnumSet.of(DType.FLOAT64, DType.FLOAT32));

    private static final Map<String, String> PROPERTIES = describe();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<DType> dtypes() {
        return DTYPES;
    }

    /** {@code library}, {@code threads} and {@code storage}. */
    @Override
    public Map<String, String> properties() {
        return PROPERTIES;
    }

    private static Map<String, String> describe() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("library", "plain Java");
        properties.put("threads", "1");
        properties.put("storage", "double[] row-major; float32 rounded to float after each op");
        return Collections.unmodifiableMap(properties);
    }

    // ---------------------------------------------------------------- creation and copying out

    @Override
    protected Tensor doFromArray(double[] values, Shape shape, DType dtype) {
        return result(shape, dtype, values.clone());
    }

    @Override
    protected Tensor doZeros(Shape shape, DType dtype) {
        return new NaiveTensor(this, shape, dtype, new double[Math.toIntExact(shape.size())]);
    }

    @Override
    protected double[] doToDoubleArray(Tensor a) {
        return data(a).clone();
    }

    // ---------------------------------------------------------------- matrix products

    @Override
    protected void doMatmulInPlace(
            Tensor out,
            double alpha,
            Tensor a,
            boolean transposeA,
            Tensor b,
            boolean transposeB,
            double beta) {
        double[] c = data(out);
        int m = out.rows();
        int n = out.cols();
        int k = transposeA ? a.rows() : a.cols();

        // beta = 0 must forget the old contents even when they are NaN, so it cannot multiply.
        if (beta == 0) {
            Arrays.fill(c, 0);
        } else if (beta != 1) {
            for (int i = 0; i < c.length; i++) {
                c[i] *= beta;
            }
        }

        if (!transposeA && !transposeB) {
            productPlain(c, alpha, data(a), data(b), m, n, k);
        } else if (!transposeA) {
            productTransposedB(c, alpha, data(a), data(b), m, n, k);
        } else if (!transposeB) {
            productTransposedA(c, alpha, data(a), data(b), m, n, k);
        } else {
            productTransposedBoth(c, alpha, data(a), data(b), m, n, k);
        }
        round(out.dtype(), c);
    }

    /** {@code c += alpha * a * b}, a {@code m x k}, b {@code k x n}: rows of b stream into c. */
    private static void productPlain(
            double[] c, double alpha, double[] a, double[] b, int m, int n, int k) {
        for (int i = 0; i < m; i++) {
            int cRow = i * n;
            for (int p = 0; p < k; p++) {
                double s = alpha * a[i * k + p];
                int bRow = p * n;
                for (int j = 0; j < n; j++) {
                    c[cRow + j] += s * b[bRow + j];
                }
            }
        }
    }

    /** {@code c += alpha * a * b^T}, a {@code m x k}, b {@code n x k}: dots of two rows. */
    private static void productTransposedB(
            double[] c, double alpha, double[] a, double[] b, int m, int n, int k) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                c[i * n + j] += alpha * dot(a, i * k, b, j * k, k);
            }
        }
    }

    /** {@code c += alpha * a^T * b}, a {@code k x m}, b {@code k x n}: one rank-1 update per p. */
    private static void productTransposedA(
            double[] c, double alpha, double[] a, double[] b, int m, int n, int k) {
        for (int p = 0; p < k; p++) {
            int bRow = p * n;
            for (int i = 0; i < m; i++) {
                double s = alpha * a[p * m + i];
                int cRow = i * n;
                for (int j = 0; j < n; j++) {
                    c[cRow + j] += s * b[bRow + j];
                }
            }
        }
    }

    /**
     * {@code c += alpha * a^T * b^T}, a {@code k x m}, b {@code n x k}. Column i of a is gathered
     * once into a buffer of length k, so each dot reads two contiguous arrays; the buffer is local,
     * keeping the backend free of shared state.
     */
    private static void productTransposedBoth(
            double[] c, double alpha, double[] a, double[] b, int m, int n, int k) {
        double[] column = new double[k];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                column[p] = a[p * m + i];
            }
            for (int j = 0; j < n; j++) {
                c[i * n + j] += alpha * dot(column, 0, b, j * k, k);
            }
        }
    }

    private static double dot(double[] x, int xFrom, double[] y, int yFrom, int length) {
        double sum = 0;
        for (int p = 0; p < length; p++) {
            sum += x[xFrom + p] * y[yFrom + p];
        }
        return sum;
    }

    // ---------------------------------------------------------------- elementwise

    @Override
    protected Tensor doBinary(BinaryOp op, Tensor a, Tensor b) {
        double[] x = data(a);
        double[] y = data(b);
        int rows = a.rows();
        int cols = a.cols();
        // A broadcast dimension of b has size 1 and so stride 0; this one rule covers the same
        // shape, a row, a column and a scalar.
        int rowStride = b.rows() == 1 ? 0 : b.cols();
        int colStride = b.cols() == 1 ? 0 : 1;
        double[] values = new double[x.length];

        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double left = x[i * cols + j];
                double right = y[i * rowStride + j * colStride];
                values[i * cols + j] = apply(op, left, right);
            }
        }
        return result(a.shape(), a.dtype(), values);
    }

    private static double apply(BinaryOp op, double left, double right) {
        switch (op) {
            case ADD:
                return left + right;
            case SUB:
                return left - right;
            case MUL:
                return left * right;
            case DIV:
                return left / right;
            default:
                throw new AssertionError(op);
        }
    }

    @Override
    protected Tensor doUnary(UnaryOp op, Tensor a) {
        double[] x = data(a);
        double[] values = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            values[i] = apply(op, x[i]);
        }
        return result(a.shape(), a.dtype(), values);
    }

    private static double apply(UnaryOp op, double value) {
        switch (op) {
            case EXP:
                return Math.exp(value);
            case LOG:
                return Math.log(value);
            case SQRT:
                return Math.sqrt(value);
            case RECIPROCAL:
                return 1 / value;
            default:
                throw new AssertionError(op);
        }
    }

    @Override
    protected Tensor doAffine(Tensor a, double scale, double shift) {
        double[] x = data(a);
        double[] values = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            values[i] = x[i] * scale + shift;
        }
        return result(a.shape(), a.dtype(), values);
    }

    @Override
    protected Tensor doMaximum(Tensor a, double floor) {
        double[] x = data(a);
        double[] values = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            values[i] = Math.max(x[i], floor);
        }
        return result(a.shape(), a.dtype(), values);
    }

    @Override
    protected Tensor doGreaterThan(Tensor a, double threshold) {
        double[] x = data(a);
        double[] values = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            values[i] = x[i] > threshold ? 1 : 0;
        }
        return result(a.shape(), a.dtype(), values);
    }

    // ---------------------------------------------------------------- reductions

    @Override
    protected Tensor doReduce(Reduction reduction, Tensor a) {
        double[] x = data(a);
        int rows = a.rows();
        int cols = a.cols();

        if (reduction == Reduction.SUM_COLUMNS) {
            double[] sums = new double[cols];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    sums[j] += x[i * cols + j];
                }
            }
            return result(Shape.of(1, cols), a.dtype(), sums);
        }

        double[] values = new double[rows];
        for (int i = 0; i < rows; i++) {
            values[i] =
                    reduction == Reduction.SUM_ROWS
                            ? rowSum(x, i * cols, cols)
                            : rowMax(x, i, cols);
        }
        return result(Shape.of(rows, 1), a.dtype(), values);
    }

    private static double rowSum(double[] x, int from, int length) {
        double sum = 0;
        for (int j = 0; j < length; j++) {
            sum += x[from + j];
        }
        return sum;
    }

    private static double rowMax(double[] x, int row, int cols) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < cols; j++) {
            max = Math.max(max, x[row * cols + j]);
        }
        return max;
    }

    @Override
    protected int[] doArgmaxRows(Tensor a) {
        double[] x = data(a);
        int cols = a.cols();
        int[] columns = new int[a.rows()];
        for (int i = 0; i < columns.length; i++) {
            int best = 0;
            for (int j = 1; j < cols; j++) {
                // Strictly greater, so the first of equal values wins.
                if (x[i * cols + j] > x[i * cols + best]) {
                    best = j;
                }
            }
            columns[i] = best;
        }
        return columns;
    }

    @Override
    protected double doSum(Tensor a) {
        double[] x = data(a);
        return rowSum(x, 0, x.length);
    }

    // ---------------------------------------------------------------- in place

    @Override
    protected void doAddScaledInPlace(Tensor target, double alpha, Tensor x) {
        double[] t = data(target);
        double[] source = data(x);
        for (int i = 0; i < t.length; i++) {
            t[i] += alpha * source[i];
        }
        round(target.dtype(), t);
    }

    @Override
    protected void doScaleInPlace(Tensor target, double factor) {
        double[] t = data(target);
        for (int i = 0; i < t.length; i++) {
            t[i] *= factor;
        }
        round(target.dtype(), t);
    }

    @Override
    protected void doFillInPlace(Tensor target, double value) {
        Arrays.fill(data(target), store(target.dtype(), value));
    }

    @Override
    protected void doCopyInPlace(Tensor target, Tensor source) {
        double[] from = data(source);
        System.arraycopy(from, 0, data(target), 0, from.length);
    }

    // ---------------------------------------------------------------- fused

    @Override
    protected Tensor doReluBackward(Tensor gradOut, Tensor input) {
        double[] g = data(gradOut);
        double[] x = data(input);
        double[] values = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            values[i] = x[i] > 0 ? g[i] : 0;
        }
        return result(gradOut.shape(), gradOut.dtype(), values);
    }

    @Override
    protected Tensor doSigmoid(Tensor a) {
        double[] x = data(a);
        double[] values = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            values[i] = sigmoid(x[i]);
        }
        return result(a.shape(), a.dtype(), values);
    }

    /** Exponentiates only non-positive numbers, so no branch can overflow. */
    private static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    @Override
    protected Tensor doTanh(Tensor a) {
        double[] x = data(a);
        double[] values = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            values[i] = Math.tanh(x[i]);
        }
        return result(a.shape(), a.dtype(), values);
    }

    @Override
    protected Tensor doSoftmaxRows(Tensor a) {
        double[] x = data(a);
        int cols = a.cols();
        double[] values = new double[x.length];

        for (int i = 0; i < a.rows(); i++) {
            int from = i * cols;
            // Subtracting the row maximum keeps every exponent <= 0: no overflow.
            double max = rowMax(x, i, cols);
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                values[from + j] = Math.exp(x[from + j] - max);
                sum += values[from + j];
            }
            for (int j = 0; j < cols; j++) {
                values[from + j] /= sum;
            }
        }
        return result(a.shape(), a.dtype(), values);
    }

    @Override
    protected Tensor doLogSumExpRows(Tensor a) {
        double[] x = data(a);
        int cols = a.cols();
        double[] values = new double[a.rows()];

        for (int i = 0; i < values.length; i++) {
            int from = i * cols;
            double max = rowMax(x, i, cols);
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                sum += Math.exp(x[from + j] - max);
            }
            values[i] = max + Math.log(sum);
        }
        return result(Shape.of(values.length, 1), a.dtype(), values);
    }

    @Override
    protected Tensor doPickColumns(Tensor a, int[] columns) {
        double[] x = data(a);
        double[] values = new double[columns.length];
        for (int i = 0; i < columns.length; i++) {
            values[i] = x[i * a.cols() + columns[i]];
        }
        return new NaiveTensor(this, Shape.of(columns.length, 1), a.dtype(), values);
    }

    // ---------------------------------------------------------------- storage

    /** Wraps freshly computed {@code values}, rounding them to {@code dtype}. */
    private NaiveTensor result(Shape shape, DType dtype, double[] values) {
        round(dtype, values);
        return new NaiveTensor(this, shape, dtype, values);
    }

    private static void round(DType dtype, double[] values) {
        if (dtype == DType.FLOAT32) {
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) values[i];
            }
        }
    }

    private static double store(DType dtype, double value) {
        return dtype == DType.FLOAT32 ? (float) value : value;
    }

    /** The checks in {@link Backend} admit only tensors of this backend, so the cast holds. */
    private static double[] data(Tensor a) {
        return ((NaiveTensor) a).data();
    }
}

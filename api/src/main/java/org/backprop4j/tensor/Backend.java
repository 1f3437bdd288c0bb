package org.backprop4j.tensor;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Creates tensors and owns their math.
 *
 * <p><b>For users</b>, the public methods are the operations: every one checks that its tensors
 * belong to this backend, share a data type and have shapes that fit, and throws before any work is
 * done otherwise. No operation modifies its arguments unless its name ends in {@code InPlace}, and
 * then only the first argument. Operations on distinct tensors may run on many threads at once.
 *
 * <p><b>For implementers</b> (stability: experimental), a backend extends this class and supplies
 * the {@code protected abstract} primitives, which receive only tensors that the checks above have
 * accepted, so they can cast to their own tensor type. The fused operations ({@link #sigmoid},
 * {@link #tanh}, {@link #softmaxRows}, {@link #logSumExpRows}, ...) have default implementations
 * built from the primitives; a backend overrides their {@code do...} hook when it has a faster
 * form. A backend is registered through a {@link org.backprop4j.backend.BackendProvider}.
 *
 * <p>Broadcasting is deliberately small: in {@link #add}, {@link #sub}, {@link #mul} and {@link
 * #div} the right operand may be the left's shape, a {@code 1 x cols} row, a {@code rows x 1}
 * column, or a {@code 1 x 1} scalar; the result has the left operand's shape.
 */
public abstract class Backend {

    /** Elementwise binary operations, with the right operand broadcast. */
    protected enum BinaryOp {
        ADD,
        SUB,
        MUL,
        DIV
    }

    /** Elementwise functions of one argument. */
    protected enum UnaryOp {
        EXP,
        LOG,
        SQRT,
        RECIPROCAL
    }

    /** Reductions of a rank-2 tensor along one axis. */
    protected enum Reduction {
        /** Sum over rows, a {@code 1 x cols} result: the batch sum of each feature. */
        SUM_COLUMNS,
        /** Sum over columns, a {@code rows x 1} result. */
        SUM_ROWS,
        /** Largest value of each row, a {@code rows x 1} result. */
        MAX_ROWS
    }

    /**
     * The system property that asks backends for a number of threads per operation, {@value}. A
     * backend that runs operations on several threads reads it when it is created; one that is
     * single-threaded by design ignores it. Unset, each backend uses its library's default, which
     * is usually one thread per core.
     */
    public static final String THREADS_PROPERTY = "backprop4j.threads";

    /**
     * The thread count that {@link #THREADS_PROPERTY} asks for, or 0 when it is unset.
     *
     * @throws IllegalArgumentException if it is set to anything but a positive integer
     */
    protected static int requestedThreads() {
        String value = System.getProperty(THREADS_PROPERTY);
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            int threads = Integer.parseInt(value.strip());
            if (threads > 0) {
                return threads;
            }
        } catch (NumberFormatException e) {
            // reported below, with the property's name
        }
        throw new IllegalArgumentException(
                THREADS_PROPERTY + " must be a positive integer, not '" + value + "'");
    }

    /** The name users select this backend by: lower case, as its provider reports it. */
    public abstract String name();

    /** The data types this backend stores; always includes {@link DType#FLOAT64}. */
    public abstract Set<DType> dtypes();

    /**
     * Facts for users choosing a backend, such as the library version and thread count, as ordered
     * key-value pairs. Empty by default.
     */
    public Map<String, String> properties() {
        return Map.of();
    }

    /**
     * Opens a scope whose temporaries this backend may free at its close; see {@link TensorScope}.
     * Heap backends return {@link TensorScope#NONE}.
     */
    public TensorScope openScope() {
        return TensorScope.NONE;
    }

    // ---------------------------------------------------------------- creation and copying out

    /**
     * A tensor holding {@code values} in row-major order, rounded to {@code dtype}. The array is
     * copied, never kept.
     *
     * @throws IllegalArgumentException if the length differs from the shape's size
     * @throws UnsupportedOperationException if this backend does not store {@code dtype}
     */
    public final Tensor fromArray(double[] values, Shape shape, DType dtype) {
        Objects.requireNonNull(values, "values");
        requireDtype("fromArray", dtype);
        if (values.length != shape.size()) {
            throw new IllegalArgumentException(
                    "fromArray: "
                            + values.length
                            + " values do not fill shape "
                            + shape
                            + " ("
                            + shape.size()
                            + " elements)");
        }
        return doFromArray(values, shape, dtype);
    }

    /** A tensor of zeros. */
    public final Tensor zeros(Shape shape, DType dtype) {
        requireDtype("zeros", dtype);
        return doZeros(shape, dtype);
    }

    /** A copy of the elements of {@code a}, row-major, widened to double. */
    public final double[] toDoubleArray(Tensor a) {
        requireOwned("toDoubleArray", a);
        return doToDoubleArray(a);
    }

    /** A new tensor with the elements of {@code a}. */
    public final Tensor copy(Tensor a) {
        requireOwned("copy", a);
        return doAffine(a, 1, 0);
    }

    /**
     * A {@code rows x numClasses} tensor with a one in column {@code classes[row]} of each row.
     *
     * @throws IllegalArgumentException naming the row, the class and the number of classes when a
     *     class is out of range
     */
    public final Tensor oneHot(int[] classes, int numClasses, DType dtype) {
        double[] values = new double[Math.multiplyExact(classes.length, numClasses)];
        for (int row = 0; row < classes.length; row++) {
            requireClass("oneHot", classes[row], row, numClasses);
            values[row * numClasses + classes[row]] = 1;
        }
        return fromArray(values, Shape.of(classes.length, numClasses), dtype);
    }

    // ---------------------------------------------------------------- matrix products

    /** {@code a * b}. */
    public final Tensor matmul(Tensor a, Tensor b) {
        return matmul(a, false, b, false);
    }

    /**
     * {@code op(a) * op(b)}, where {@code op} transposes its operand when the flag beside it is
     * set. Transposed forms never materialize the transpose on backends that can avoid it.
     */
    public final Tensor matmul(Tensor a, boolean transposeA, Tensor b, boolean transposeB) {
        Shape outShape = productShape("matmul", a, transposeA, b, transposeB);
        Tensor out = doZeros(outShape, a.dtype());
        doMatmulInPlace(out, 1, a, transposeA, b, transposeB, 0);
        return out;
    }

    /**
     * {@code out = alpha * op(a) * op(b) + beta * out}, writing into {@code out} (BLAS gemm). With
     * {@code beta = 1} it accumulates, which is how layers add into parameter gradients without a
     * temporary; with {@code beta = 0} the old contents of {@code out}, even NaN, are ignored.
     */
    public final void matmulInPlace(
            Tensor out,
            double alpha,
            Tensor a,
            boolean transposeA,
            Tensor b,
            boolean transposeB,
            double beta) {
        Shape outShape = productShape("matmulInPlace", a, transposeA, b, transposeB);
        requireOwned("matmulInPlace", out);
        requireSameDtype("matmulInPlace", out, a);
        if (!out.shape().equals(outShape)) {
            throw new ShapeMismatchException(
                    "matmulInPlace", out.shape(), outShape, "out must have the product's shape");
        }
        doMatmulInPlace(out, alpha, a, transposeA, b, transposeB, beta);
    }

    // ---------------------------------------------------------------- elementwise

    /** {@code a + b}, with {@code b} broadcast (see the class comment). */
    public final Tensor add(Tensor a, Tensor b) {
        return binary("add", BinaryOp.ADD, a, b);
    }

    /** {@code a - b}, with {@code b} broadcast. */
    public final Tensor sub(Tensor a, Tensor b) {
        return binary("sub", BinaryOp.SUB, a, b);
    }

    /** {@code a * b} elementwise (Hadamard), with {@code b} broadcast. */
    public final Tensor mul(Tensor a, Tensor b) {
        return binary("mul", BinaryOp.MUL, a, b);
    }

    /** {@code a / b} elementwise, with {@code b} broadcast. */
    public final Tensor div(Tensor a, Tensor b) {
        return binary("div", BinaryOp.DIV, a, b);
    }

    /** {@code a * scale + shift}, elementwise. */
    public final Tensor affine(Tensor a, double scale, double shift) {
        requireOwned("affine", a);
        return doAffine(a, scale, shift);
    }

    /** {@code a * factor}. */
    public final Tensor scale(Tensor a, double factor) {
        return affine(a, factor, 0);
    }

    /** {@code e^a}, elementwise. */
    public final Tensor exp(Tensor a) {
        return unary("exp", UnaryOp.EXP, a);
    }

    /** The natural logarithm, elementwise. */
    public final Tensor log(Tensor a) {
        return unary("log", UnaryOp.LOG, a);
    }

    /** The square root, elementwise. */
    public final Tensor sqrt(Tensor a) {
        return unary("sqrt", UnaryOp.SQRT, a);
    }

    /** {@code max(a, floor)}, elementwise. */
    public final Tensor maximum(Tensor a, double floor) {
        requireOwned("maximum", a);
        return doMaximum(a, floor);
    }

    /** A mask: 1 where {@code a > threshold}, else 0 (NaN compares false). */
    public final Tensor greaterThan(Tensor a, double threshold) {
        requireOwned("greaterThan", a);
        return doGreaterThan(a, threshold);
    }

    // ---------------------------------------------------------------- reductions

    /** The sum over the batch of each column, {@code 1 x cols}. */
    public final Tensor sumColumns(Tensor a) {
        requireOwned("sumColumns", a);
        return doReduce(Reduction.SUM_COLUMNS, a);
    }

    /** The sum of each row, {@code rows x 1}. */
    public final Tensor sumRows(Tensor a) {
        requireOwned("sumRows", a);
        return doReduce(Reduction.SUM_ROWS, a);
    }

    /** The largest value of each row, {@code rows x 1}. */
    public final Tensor maxRows(Tensor a) {
        requireOwned("maxRows", a);
        return doReduce(Reduction.MAX_ROWS, a);
    }

    /** The column of the largest value of each row; the first one on ties. */
    public final int[] argmaxRows(Tensor a) {
        requireOwned("argmaxRows", a);
        return doArgmaxRows(a);
    }

    /** The sum of all elements. */
    public final double sum(Tensor a) {
        requireOwned("sum", a);
        return doSum(a);
    }

    // ---------------------------------------------------------------- in place, for optimizers

    /** {@code target += alpha * x} (BLAS axpy). */
    public final void addScaledInPlace(Tensor target, double alpha, Tensor x) {
        requireSameShape("addScaledInPlace", target, x);
        doAddScaledInPlace(target, alpha, x);
    }

    /** {@code target *= factor}. */
    public final void scaleInPlace(Tensor target, double factor) {
        requireOwned("scaleInPlace", target);
        doScaleInPlace(target, factor);
    }

    /** Sets every element of {@code target} to {@code value}. */
    public final void fillInPlace(Tensor target, double value) {
        requireOwned("fillInPlace", target);
        doFillInPlace(target, value);
    }

    /** Overwrites {@code target} with the elements of {@code source}. */
    public final void copyInPlace(Tensor target, Tensor source) {
        requireSameShape("copyInPlace", target, source);
        doCopyInPlace(target, source);
    }

    // ---------------------------------------------------------------- fused, with defaults

    /** {@code max(a, 0)}. */
    public final Tensor relu(Tensor a) {
        requireOwned("relu", a);
        return doRelu(a);
    }

    /** {@code gradOut * (input > 0)}: the gradient through a ReLU. */
    public final Tensor reluBackward(Tensor gradOut, Tensor input) {
        requireSameShape("reluBackward", gradOut, input);
        return doReluBackward(gradOut, input);
    }

    /** The logistic function {@code 1 / (1 + e^-a)}, elementwise. */
    public final Tensor sigmoid(Tensor a) {
        requireOwned("sigmoid", a);
        return doSigmoid(a);
    }

    /** The hyperbolic tangent, elementwise. */
    public final Tensor tanh(Tensor a) {
        requireOwned("tanh", a);
        return doTanh(a);
    }

    /** The softmax of each row; stable for large values since the row maximum is taken out. */
    public final Tensor softmaxRows(Tensor a) {
        requireOwned("softmaxRows", a);
        return doSoftmaxRows(a);
    }

    /** {@code log(sum(exp(row)))} of each row, {@code rows x 1}, without overflow. */
    public final Tensor logSumExpRows(Tensor a) {
        requireOwned("logSumExpRows", a);
        return doLogSumExpRows(a);
    }

    /**
     * The element {@code a[row, columns[row]]} of each row, {@code rows x 1}.
     *
     * @throws IllegalArgumentException naming the row and column when a column is out of range
     */
    public final Tensor pickColumns(Tensor a, int[] columns) {
        requireOwned("pickColumns", a);
        if (columns.length != a.rows()) {
            throw new IllegalArgumentException(
                    "pickColumns: " + columns.length + " columns for " + a.rows() + " rows");
        }
        for (int row = 0; row < columns.length; row++) {
            requireClass("pickColumns", columns[row], row, a.cols());
        }
        return doPickColumns(a, columns);
    }

    /**
     * The mean softmax cross-entropy of the rows of {@code logits} ({@code rows x classes}) against
     * {@code classes}, {@code mean_i (logsumexp(z_i) - z_i[c_i])}, and its gradient {@code
     * (softmax(z) - onehot(c)) / rows}, fused so that a backend that pays per call can compute both
     * in one pass. Stable for logits of any size: the row maximum is taken out first.
     *
     * @throws IllegalArgumentException naming the row and class when a class is out of range, or
     *     when there is not one class per row
     */
    public final LossAndGradient softmaxCrossEntropy(Tensor logits, int[] classes) {
        requireOwned("softmaxCrossEntropy", logits);
        if (classes.length != logits.rows()) {
            throw new IllegalArgumentException(
                    "softmaxCrossEntropy: "
                            + classes.length
                            + " labels for "
                            + logits.rows()
                            + " rows of logits "
                            + logits.shape());
        }
        for (int row = 0; row < classes.length; row++) {
            requireClass("softmaxCrossEntropy", classes[row], row, logits.cols());
        }
        return doSoftmaxCrossEntropy(logits, classes);
    }

    /**
     * A loss value and its gradient, as the fused losses of this class return them.
     *
     * @param value the mean loss over the batch
     * @param gradient dL/d(input), shaped like the input
     */
    public record LossAndGradient(double value, Tensor gradient) {}

    // ---------------------------------------------------------------- the primitives to supply

    protected abstract Tensor doFromArray(double[] values, Shape shape, DType dtype);

    protected abstract Tensor doZeros(Shape shape, DType dtype);

    protected abstract double[] doToDoubleArray(Tensor a);

    /** See {@link #matmulInPlace}; {@code out} has the product's shape. */
    protected abstract void doMatmulInPlace(
            Tensor out,
            double alpha,
            Tensor a,
            boolean transposeA,
            Tensor b,
            boolean transposeB,
            double beta);

    /** {@code b} has {@code a}'s shape, or is a row, a column or a scalar to broadcast. */
    protected abstract Tensor doBinary(BinaryOp op, Tensor a, Tensor b);

    protected abstract Tensor doUnary(UnaryOp op, Tensor a);

    protected abstract Tensor doAffine(Tensor a, double scale, double shift);

    protected abstract Tensor doMaximum(Tensor a, double floor);

    protected abstract Tensor doGreaterThan(Tensor a, double threshold);

    protected abstract Tensor doReduce(Reduction reduction, Tensor a);

    protected abstract int[] doArgmaxRows(Tensor a);

    protected abstract void doAddScaledInPlace(Tensor target, double alpha, Tensor x);

    protected abstract void doScaleInPlace(Tensor target, double factor);

    protected abstract void doFillInPlace(Tensor target, double value);

    // ---------------------------------------------------------------- overridable defaults

    protected void doCopyInPlace(Tensor target, Tensor source) {
        doFillInPlace(target, 0);
        doAddScaledInPlace(target, 1, source);
    }

    protected double doSum(Tensor a) {
        return doToDoubleArray(doReduce(Reduction.SUM_ROWS, doReduce(Reduction.SUM_COLUMNS, a)))[0];
    }

    protected Tensor doRelu(Tensor a) {
        return doMaximum(a, 0);
    }

    protected Tensor doReluBackward(Tensor gradOut, Tensor input) {
        return doBinary(BinaryOp.MUL, gradOut, doGreaterThan(input, 0));
    }

    protected Tensor doSigmoid(Tensor a) {
        // 1 / (1 + e^-a): e^-a overflows to infinity for a below about -709, and 1/inf is the
        // correct limit 0, so no case split is needed.
        Tensor denominator = doAffine(doUnary(UnaryOp.EXP, doAffine(a, -1, 0)), 1, 1);
        return doUnary(UnaryOp.RECIPROCAL, denominator);
    }

    protected Tensor doTanh(Tensor a) {
        // tanh(a) = 2 * sigmoid(2a) - 1, which inherits the sigmoid's freedom from overflow.
        return doAffine(doSigmoid(doAffine(a, 2, 0)), 2, -1);
    }

    protected Tensor doSoftmaxRows(Tensor a) {
        Tensor shifted = doBinary(BinaryOp.SUB, a, doReduce(Reduction.MAX_ROWS, a));
        Tensor exps = doUnary(UnaryOp.EXP, shifted);
        return doBinary(BinaryOp.DIV, exps, doReduce(Reduction.SUM_ROWS, exps));
    }

    protected Tensor doLogSumExpRows(Tensor a) {
        Tensor max = doReduce(Reduction.MAX_ROWS, a);
        Tensor exps = doUnary(UnaryOp.EXP, doBinary(BinaryOp.SUB, a, max));
        return doBinary(
                BinaryOp.ADD, doUnary(UnaryOp.LOG, doReduce(Reduction.SUM_ROWS, exps)), max);
    }

    protected LossAndGradient doSoftmaxCrossEntropy(Tensor logits, int[] classes) {
        int batch = logits.rows();
        Tensor logSumExp = doLogSumExpRows(logits);
        Tensor picked = doPickColumns(logits, classes);
        double value = doSum(doBinary(BinaryOp.SUB, logSumExp, picked)) / batch;

        Tensor oneHot = oneHot(classes, logits.cols(), logits.dtype());
        Tensor gradient = doBinary(BinaryOp.SUB, doSoftmaxRows(logits), oneHot);
        return new LossAndGradient(value, doAffine(gradient, 1.0 / batch, 0));
    }

    /**
     * {@link #softmaxCrossEntropy} on a row-major copy of the logits in a Java array, for backends
     * whose per-call cost exceeds the arithmetic at the sizes of a loss (a batch of ten classes):
     * they read the logits out once, call this, and store the gradient, which it returns row-major.
     * Sums are carried in double whatever the tensor's data type.
     *
     * @return the mean loss; {@code gradient} receives {@code (softmax - onehot) / rows}
     */
    protected static double softmaxCrossEntropyOf(
            double[] logits, int rows, int cols, int[] classes, double[] gradient) {
        double total = 0;
        for (int row = 0; row < rows; row++) {
            int from = row * cols;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, logits[from + j]);
            }
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                double e = Math.exp(logits[from + j] - max);
                gradient[from + j] = e;
                sum += e;
            }
            total += Math.log(sum) + max - logits[from + classes[row]];
            for (int j = 0; j < cols; j++) {
                gradient[from + j] /= sum * rows;
            }
            gradient[from + classes[row]] -= 1.0 / rows;
        }
        return total / rows;
    }

    protected Tensor doPickColumns(Tensor a, int[] columns) {
        Tensor mask = oneHot(columns, a.cols(), a.dtype());
        return doReduce(Reduction.SUM_ROWS, doBinary(BinaryOp.MUL, a, mask));
    }

    // ---------------------------------------------------------------- checks

    private Tensor binary(String operation, BinaryOp op, Tensor a, Tensor b) {
        requireOwned(operation, a);
        requireOwned(operation, b);
        requireSameDtype(operation, a, b);
        Shape left = a.shape();
        Shape right = b.shape();
        boolean fits =
                right.equals(left)
                        || right.equals(Shape.of(1, left.cols()))
                        || right.equals(Shape.of(left.rows(), 1))
                        || right.equals(Shape.of(1, 1));
        if (!fits) {
            throw new ShapeMismatchException(
                    operation, left, right, "right must be the same shape, a row, a column or 1x1");
        }
        return doBinary(op, a, b);
    }

    private Tensor unary(String operation, UnaryOp op, Tensor a) {
        requireOwned(operation, a);
        return doUnary(op, a);
    }

    private Shape productShape(
            String operation, Tensor a, boolean transposeA, Tensor b, boolean transposeB) {
        requireOwned(operation, a);
        requireOwned(operation, b);
        requireSameDtype(operation, a, b);
        int rows = transposeA ? a.cols() : a.rows();
        int inner = transposeA ? a.rows() : a.cols();
        int innerB = transposeB ? b.cols() : b.rows();
        int cols = transposeB ? b.rows() : b.cols();
        if (inner != innerB) {
            throw new ShapeMismatchException(
                    operation
                            + (transposeA ? " (a transposed)" : "")
                            + (transposeB ? " (b transposed)" : ""),
                    a.shape(),
                    b.shape(),
                    "inner dimensions " + inner + " and " + innerB + " differ");
        }
        return Shape.of(rows, cols);
    }

    private void requireSameShape(String operation, Tensor target, Tensor x) {
        requireOwned(operation, target);
        requireOwned(operation, x);
        requireSameDtype(operation, target, x);
        if (!target.shape().equals(x.shape())) {
            throw new ShapeMismatchException(
                    operation, target.shape(), x.shape(), "shapes must be equal");
        }
    }

    private void requireOwned(String operation, Tensor a) {
        Objects.requireNonNull(a, () -> operation + ": tensor is null");
        if (a.backend() != this) {
            String owner =
                    a.backend().name().equals(name())
                            ? "another instance of backend '" + name() + "'"
                            : "backend '" + a.backend().name() + "'";
            throw new IllegalArgumentException(
                    operation
                            + ": a tensor of "
                            + owner
                            + " was passed to backend '"
                            + name()
                            + "'; move it with toDoubleArray() and fromArray() first");
        }
        if (a.shape().rank() != 2) {
            throw new IllegalArgumentException(
                    operation + ": tensors are rank 2 for now, got shape " + a.shape());
        }
    }

    private static void requireSameDtype(String operation, Tensor a, Tensor b) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException(
                    operation
                            + ": data types "
                            + a.dtype()
                            + " and "
                            + b.dtype()
                            + " differ (shapes "
                            + a.shape()
                            + " and "
                            + b.shape()
                            + "); convert one with fromArray(toDoubleArray(), shape, dtype)");
        }
    }

    private void requireDtype(String operation, DType dtype) {
        Objects.requireNonNull(dtype, "dtype");
        if (!dtypes().contains(dtype)) {
            throw new UnsupportedOperationException(
                    operation
                            + ": backend '"
                            + name()
                            + "' does not store "
                            + dtype
                            + "; it stores "
                            + dtypes());
        }
    }

    private static void requireClass(String operation, int label, int row, int numClasses) {
        if (label < 0 || label >= numClasses) {
            throw new IllegalArgumentException(
                    operation
                            + ": label "
                            + label
                            + " in row "
                            + row
                            + " is out of range for "
                            + numClasses
                            + " classes (expected 0 to "
                            + (numClasses - 1)
                            + ")");
        }
    }
}

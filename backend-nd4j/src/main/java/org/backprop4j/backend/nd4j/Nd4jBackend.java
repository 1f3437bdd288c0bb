package org.backprop4j.backend.nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.Tensor;
import org.backprop4j.tensor.TensorScope;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.impl.reduce.custom.LogSumExp;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMax;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.api.ops.impl.transforms.same.Reciprocal;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A backend on ND4J's native CPU engine: libnd4j kernels and OpenBLAS, reached through JNI.
 *
 * <p><b>Data types.</b> {@link DType#FLOAT64} is stored as ND4J's {@code DOUBLE}, {@link
 * DType#FLOAT32} as {@code FLOAT}; arithmetic runs in the stored type.
 *
 * <p><b>Cost model.</b> Each native operation costs some microseconds of JNI and bookkeeping
 * whatever its size, so at the sizes of a training step the number of calls matters more than the
 * work. Matrix products go to BLAS {@code gemm} straight into their output, the fused operations
 * are overridden with one native kernel where ND4J has a correct one, and intermediate results of
 * composite operations are updated in place instead of allocated anew.
 *
 * <p><b>Differences from the naive reference</b>, all at the edges: {@link #maximum} maps NaN to
 * the floor (ND4J's scalar max), while {@link #relu} keeps NaN.
 *
 * <p><b>Threads.</b> ND4J runs each operation on its own OpenMP and OpenBLAS threads; see {@link
 * #properties()}. Operations on distinct tensors may be called from many threads at once. A tensor
 * written by an {@code InPlace} operation must not be used by another thread at the same time.
 */
public final class Nd4jBackend extends Backend {

    /** The name this backend is selected by. */
    public static final String NAME = "nd4j";

    private static final Set<DType> DTYPES =
            Collections.unmodifiableSet(EnumSet.of(DType.FLOAT64, DType.FLOAT32));

    private final Map<String, String> properties;

    /** Starts ND4J if it has not started; callers check availability first. */
    Nd4jBackend() {
        int threads = requestedThreads();
        if (threads > 0) {
            // Only OpenBLAS's pool, which runs the products, can be resized once ND4J is loaded:
            // libnd4j ignores setMaxThreads and sizes its own loops' pool from OMP_NUM_THREADS
            // at start-up.
            Nd4j.factory().blas().setMaxThreads(threads);
        }
        this.properties = describe();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<DType> dtypes() {
        return DTYPES;
    }

    /**
     * {@code library} (ND4J and its version), {@code blas} (the vendor ND4J reports), {@code
     * threads} (ND4J's OpenMP threads, from {@code OMP_NUM_THREADS}), {@code blas.threads}, {@code
     * nd4j types} and {@code omp.wait} (the {@code OMP_WAIT_POLICY} this process started with).
     */
    @Override
    public Map<String, String> properties() {
        return properties;
    }

    private static Map<String, String> describe() {
        Properties environment = Nd4j.getExecutioner().getEnvironmentInformation();
        Map<String, String> described = new LinkedHashMap<>();
        described.put("library", "ND4J " + nd4jVersion() + " native CPU");
        described.put("blas", String.valueOf(environment.getOrDefault("blas.vendor", "unknown")));
        described.put("threads", String.valueOf(Nd4j.getEnvironment().maxThreads()));
        described.put("blas.threads", String.valueOf(Nd4j.factory().blas().getMaxThreads()));
        described.put("nd4j types", "float64 (DOUBLE), float32 (FLOAT)");
        String waitPolicy = System.getenv("OMP_WAIT_POLICY");
        described.put("omp.wait", waitPolicy == null ? "unset (OpenMP spins)" : waitPolicy);
        return Collections.unmodifiableMap(described);
    }

    private static String nd4jVersion() {
        String resource = "/META-INF/maven/org.nd4j/nd4j-api/pom.properties";
        try (InputStream in = Nd4j.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "(version unknown)";
            }
            Properties pom = new Properties();
            pom.load(in);
            return pom.getProperty("version", "(version unknown)");
        } catch (IOException e) {
            return "(version unknown)";
        }
    }

    /**
     * A scope that frees the native buffers of the tensors this thread creates in it when it
     * closes, rather than when the garbage collector gets to them; see {@link TensorScope}.
     */
    @Override
    public TensorScope openScope() {
        return Nd4jScope.open();
    }

    /** The ND4J type that stores {@code dtype}. */
    static DataType nd4jType(DType dtype) {
        switch (dtype) {
            case FLOAT64:
                return DataType.DOUBLE;
            case FLOAT32:
                return DataType.FLOAT;
            default:
                throw new UnsupportedOperationException(
                        "Backend '" + NAME + "' has no ND4J type for " + dtype);
        }
    }

    // ---------------------------------------------------------------- creation and copying out

    /**
     * One bulk copy into an uninitialized buffer. {@code Nd4j.create(double[], ...)} copies element
     * by element: for a 128 x 784 batch it took 520 microseconds against 75 for this, a tenth of a
     * training step.
     */
    @Override
    protected Tensor doFromArray(double[] values, Shape shape, DType dtype) {
        if (values.length == 0) {
            return doZeros(shape, dtype);
        }
        long[] dims = {shape.rows(), shape.cols()};
        INDArray out = Nd4j.createUninitialized(nd4jType(dtype), dims, 'c');
        Pointer address = out.data().addressPointer();
        if (dtype == DType.FLOAT64) {
            new DoublePointer(address).put(values, 0, values.length);
        } else {
            float[] rounded = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                rounded[i] = (float) values[i];
            }
            new FloatPointer(address).put(rounded, 0, rounded.length);
        }
        return wrap(out, shape, dtype);
    }

    @Override
    protected Tensor doZeros(Shape shape, DType dtype) {
        return wrap(Nd4j.create(nd4jType(dtype), shape.rows(), shape.cols()), shape, dtype);
    }

    @Override
    protected double[] doToDoubleArray(Tensor a) {
        INDArray array = array(a);
        return array.isEmpty() ? new double[0] : array.data().asDouble();
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
        // BLAS gemm never reads out when beta is 0, so NaN there is forgotten as the contract asks.
        Nd4j.gemm(array(a), array(b), array(out), transposeA, transposeB, alpha, beta);
    }

    // ---------------------------------------------------------------- elementwise

    /**
     * One native call for every broadcast the contract allows: libnd4j's pairwise ops broadcast a
     * row, a column or a 1x1 right operand themselves, into an output of the left's shape.
     */
    @Override
    protected Tensor doBinary(BinaryOp op, Tensor a, Tensor b) {
        INDArray out = allocateLike(a);
        binaryInto(op, array(a), array(b), out);
        return wrap(out, a);
    }

    private static void binaryInto(BinaryOp op, INDArray x, INDArray y, INDArray out) {
        switch (op) {
            case ADD:
                Nd4j.exec(new AddOp(x, y, out));
                break;
            case SUB:
                Nd4j.exec(new SubOp(x, y, out));
                break;
            case MUL:
                Nd4j.exec(new MulOp(x, y, out));
                break;
            case DIV:
                Nd4j.exec(new DivOp(x, y, out));
                break;
            default:
                throw new AssertionError(op);
        }
    }

    @Override
    protected Tensor doUnary(UnaryOp op, Tensor a) {
        INDArray out = allocateLike(a);
        Nd4j.exec(unaryOp(op, array(a), out));
        return wrap(out, a);
    }

    private static Op unaryOp(UnaryOp op, INDArray x, INDArray out) {
        switch (op) {
            case EXP:
                return new Exp(x, out);
            case LOG:
                return new Log(x, out);
            case SQRT:
                return new Sqrt(x, out);
            case RECIPROCAL:
                return new Reciprocal(x, out);
            default:
                throw new AssertionError(op);
        }
    }

    @Override
    protected Tensor doAffine(Tensor a, double scale, double shift) {
        INDArray x = array(a);
        INDArray out = allocateLike(a);
        if (scale == 1 && shift == 0) {
            out.assign(x);
        } else if (scale == 1) {
            Nd4j.exec(new ScalarAdd(x, null, out, shift));
        } else {
            Nd4j.exec(new ScalarMultiplication(x, null, out, scale));
            if (shift != 0) {
                Nd4j.exec(new ScalarAdd(out, null, out, shift));
            }
        }
        return wrap(out, a);
    }

    @Override
    protected Tensor doMaximum(Tensor a, double floor) {
        INDArray out = allocateLike(a);
        Nd4j.exec(new ScalarMax(array(a), null, out, floor));
        return wrap(out, a);
    }

    /** libnd4j's step function: 1 where {@code x > threshold}, else 0, and 0 for NaN. */
    @Override
    protected Tensor doGreaterThan(Tensor a, double threshold) {
        INDArray out = allocateLike(a);
        Nd4j.exec(new Step(array(a), out, threshold));
        return wrap(out, a);
    }

    // ---------------------------------------------------------------- reductions

    @Override
    protected Tensor doReduce(Reduction reduction, Tensor a) {
        INDArray x = array(a);
        switch (reduction) {
            case SUM_COLUMNS:
                return wrap(x.sum(true, 0), Shape.of(1, a.cols()), a.dtype());
            case SUM_ROWS:
                return wrap(x.sum(true, 1), Shape.of(a.rows(), 1), a.dtype());
            case MAX_ROWS:
                return wrap(x.max(true, 1), Shape.of(a.rows(), 1), a.dtype());
            default:
                throw new AssertionError(reduction);
        }
    }

    @Override
    protected int[] doArgmaxRows(Tensor a) {
        return array(a).argMax(1).toIntVector();
    }

    @Override
    protected double doSum(Tensor a) {
        return array(a).sumNumber().doubleValue();
    }

    // ---------------------------------------------------------------- in place

    @Override
    protected void doAddScaledInPlace(Tensor target, double alpha, Tensor x) {
        INDArray y = array(target);
        Nd4j.getBlasWrapper().level1().axpy(y.length(), alpha, array(x), y);
    }

    @Override
    protected void doScaleInPlace(Tensor target, double factor) {
        array(target).muli(factor);
    }

    @Override
    protected void doFillInPlace(Tensor target, double value) {
        array(target).assign(value);
    }

    @Override
    protected void doCopyInPlace(Tensor target, Tensor source) {
        array(target).assign(array(source));
    }

    // ---------------------------------------------------------------- fused

    @Override
    protected Tensor doRelu(Tensor a) {
        INDArray out = allocateLike(a);
        Nd4j.exec(new RectifiedLinear(array(a), out, 0.0));
        return wrap(out, a);
    }

    @Override
    protected Tensor doReluBackward(Tensor gradOut, Tensor input) {
        INDArray out = allocateLike(gradOut);
        Nd4j.exec(new RectifiedLinearDerivative(array(input), array(gradOut), out));
        return wrap(out, gradOut);
    }

    @Override
    protected Tensor doSigmoid(Tensor a) {
        INDArray out = allocateLike(a);
        Nd4j.exec(new Sigmoid(array(a), out));
        return wrap(out, a);
    }

    @Override
    protected Tensor doTanh(Tensor a) {
        INDArray out = allocateLike(a);
        Nd4j.exec(new Tanh(array(a), out));
        return wrap(out, a);
    }

    /**
     * Three native calls. libnd4j's softmax kernel in double precision returns NaN for rows of
     * large negative values (it does not take the row maximum out), so the maximum is subtracted
     * here first; after that the kernel only sees rows whose largest value is 0.
     */
    @Override
    protected Tensor doSoftmaxRows(Tensor a) {
        INDArray out = shiftedByRowMax(a);
        Nd4j.exec(new SoftMax(out, out, 1));
        return wrap(out, a);
    }

    /**
     * Four native calls. libnd4j's {@code reduce_logsumexp} overflows like the textbook formula, so
     * it too gets the row maximum taken out first and added back after.
     */
    @Override
    protected Tensor doLogSumExpRows(Tensor a) {
        INDArray max = array(a).max(true, 1);
        INDArray shifted = allocateLike(a);
        Nd4j.exec(new SubOp(array(a), max, shifted));
        INDArray out = Nd4j.createUninitialized(max.dataType(), new long[] {a.rows(), 1}, 'c');
        Nd4j.exec(new LogSumExp(shifted, out, true, 1));
        Nd4j.exec(new AddOp(out, max, out));
        release(shifted);
        release(max);
        return wrap(out, Shape.of(a.rows(), 1), a.dtype());
    }

    private INDArray shiftedByRowMax(Tensor a) {
        INDArray x = array(a);
        INDArray max = x.max(true, 1);
        INDArray out = allocateLike(a);
        Nd4j.exec(new SubOp(x, max, out));
        release(max);
        return out;
    }

    /**
     * On the Java side: at a loss's sizes (a batch of ten classes) the logits and the gradient are
     * each a single copy, while the composed form makes a dozen native calls of 15 to 500
     * microseconds each, more than the rest of a training step outside its products.
     */
    @Override
    protected LossAndGradient doSoftmaxCrossEntropy(Tensor logits, int[] classes) {
        double[] gradient = new double[logits.rows() * logits.cols()];
        double value =
                softmaxCrossEntropyOf(
                        doToDoubleArray(logits), logits.rows(), logits.cols(), classes, gradient);
        return new LossAndGradient(value, doFromArray(gradient, logits.shape(), logits.dtype()));
    }

    /**
     * Read on the Java side: the CPU buffer is host memory that ND4J's indexers read without JNI,
     * so one copy into a new array costs less than building an index array for a native gather.
     */
    @Override
    protected Tensor doPickColumns(Tensor a, int[] columns) {
        DataBuffer data = array(a).data();
        int cols = a.cols();
        double[] picked = new double[columns.length];
        for (int row = 0; row < columns.length; row++) {
            picked[row] = data.getDouble((long) row * cols + columns[row]);
        }
        return doFromArray(picked, Shape.of(columns.length, 1), a.dtype());
    }

    // ---------------------------------------------------------------- helpers

    private static INDArray array(Tensor a) {
        return ((Nd4jTensor) a).array();
    }

    private static INDArray allocateLike(Tensor a) {
        return Nd4j.createUninitialized(nd4jType(a.dtype()), new long[] {a.rows(), a.cols()}, 'c');
    }

    /** Frees a temporary's native buffer now instead of at garbage collection. */
    private static void release(INDArray temporary) {
        if (temporary.closeable()) {
            temporary.close();
        }
    }

    private Tensor wrap(INDArray array, Tensor like) {
        return wrap(array, like.shape(), like.dtype());
    }

    private Tensor wrap(INDArray array, Shape shape, DType dtype) {
        Nd4jTensor tensor = new Nd4jTensor(this, shape, dtype, array);
        Nd4jScope.track(tensor);
        return tensor;
    }
}

package org.backprop4j.backend.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.Tensor;
import org.backprop4j.tensor.TensorScope;

/**
 * PyTorch (libtorch, on the CPU) driven through DJL's {@link NDArray}: the yardstick that the other
 * backends are held against. Every operation is one or a few calls into libtorch; each call costs
 * microseconds of JNI, so small tensors are slower here than on heap backends.
 *
 * <p><b>Data types.</b> {@link DType#FLOAT64} and {@link DType#FLOAT32}, computed in that type by
 * PyTorch.
 *
 * <p><b>Memory.</b> Tensors live in native memory, owned by DJL {@link NDManager}s. While a {@link
 * #openScope() scope} is open on a thread, the tensors that thread creates belong to the scope's
 * manager and are freed when it closes, except those handed to {@link TensorScope#keep}, which move
 * to the backend's root manager. Tensors created outside any scope also belong to the root manager;
 * each is freed once the garbage collector finds it unreachable. The collector sees only the small
 * Java handle, not the native memory behind it, so a training loop should open a scope per step,
 * and create the step's batch inside it: then the temporaries of a step are freed at its end and
 * native memory stays flat however many steps run.
 *
 * <p><b>Threads.</b> Operations on distinct tensors may run on many threads at once; PyTorch also
 * spreads each operation over its intra-op threads (their number is in {@link #properties()}; the
 * package documentation says how to set it). A tensor written by an {@code InPlace} operation must
 * not be read or written by another thread at the same time. Scopes are per thread.
 *
 * <p>Stability: experimental.
 */
public final class DjlBackend extends Backend {

    /** The name this backend is selected by. */
    public static final String NAME = "djl";

    private static final Set<DType> DTYPES =
            Collections.unmodifiableSet(EnumSet.of(DType.FLOAT64, DType.FLOAT32));

    /** All rows, so every element: assignment through this index writes in place. */
    private static final NDIndex ALL = new NDIndex(":");

    private final Engine engine;
    private final NDManager root;
    private final ThreadLocal<Deque<DjlScope>> scopes = ThreadLocal.withInitial(ArrayDeque::new);

    DjlBackend(Engine engine) {
        this.engine = engine;
        this.root = engine.newBaseManager(Device.cpu());
        root.setName("backprop4j-djl");
        int threads = requestedThreads();
        if (threads > 0) {
            // PyTorch reads DJL's num_threads property only when the engine loads, which the
            // availability probe may have done already; the setter works at any time.
            JniUtils.setNumThreads(threads);
        }
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
     * {@code library}, {@code pytorch} and {@code djl} (versions), {@code threads} (PyTorch's
     * intra-op threads, which run one operation; {@link Backend#THREADS_PROPERTY} sets them),
     * {@code interop} (its inter-op threads), {@code device} and {@code libtorch} (the folder in
     * DJL's cache they were loaded from).
     */
    @Override
    public Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(
                "library",
                "PyTorch " + engine.getVersion() + " through DJL " + Engine.getDjlVersion());
        properties.put("pytorch", engine.getVersion());
        properties.put("djl", Engine.getDjlVersion());
        properties.put("threads", Integer.toString(JniUtils.getNumThreads()));
        properties.put("interop", Integer.toString(JniUtils.getNumInteropThreads()));
        properties.put("device", "cpu");
        properties.put("libtorch", LibUtils.getLibtorchPath());
        return Collections.unmodifiableMap(properties);
    }

    /**
     * Opens a scope on this thread: until it closes, the tensors this thread creates are freed at
     * its close unless kept. Close scopes on the thread that opened them, innermost first.
     */
    @Override
    public TensorScope openScope() {
        DjlScope scope = new DjlScope(this, manager().newSubManager());
        scopes.get().push(scope);
        return scope;
    }

    /** Pops {@code scope}, and any scope opened inside it that is still open, and frees them. */
    void closeScope(DjlScope scope) {
        Deque<DjlScope> open = scopes.get();
        if (!open.contains(scope)) {
            return;
        }
        DjlScope popped;
        do {
            popped = open.pop();
            popped.release();
        } while (popped != scope);
    }

    /** Moves {@code tensor} to the root manager, from which the garbage collector frees it. */
    void keepInRoot(Tensor tensor) {
        if (tensor.backend() != this) {
            throw new IllegalArgumentException(
                    "keep: "
                            + tensor
                            + " belongs to backend '"
                            + tensor.backend().name()
                            + "', not to this scope's backend 'djl'");
        }
        DjlTensor owned = (DjlTensor) tensor;
        NDArray array = owned.array();
        if (array.getManager() != root) {
            array.attach(root);
            Reclaimer.CLEANER.register(owned, array::close);
        }
    }

    /** The open arrays of all managers of this backend: the root, its scopes and theirs. */
    int openArrays() {
        return root.getManagedArrays().size();
    }

    /** The manager new tensors of this thread belong to: its innermost scope's, else the root. */
    private NDManager manager() {
        DjlScope innermost = scopes.get().peek();
        return innermost == null ? root : innermost.manager();
    }

    // ---------------------------------------------------------------- creation and copying out

    @Override
    protected Tensor doFromArray(double[] values, Shape shape, DType dtype) {
        ai.djl.ndarray.types.Shape dims = dims(shape);
        NDArray array;
        if (dtype == DType.FLOAT64) {
            array = manager().create(values, dims);
        } else {
            float[] rounded = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                rounded[i] = (float) values[i];
            }
            array = manager().create(rounded, dims);
        }
        return adopt(array, shape, dtype);
    }

    @Override
    protected Tensor doZeros(Shape shape, DType dtype) {
        return adopt(manager().zeros(dims(shape), dataType(dtype)), shape, dtype);
    }

    @Override
    protected double[] doToDoubleArray(Tensor a) {
        double[] values = doubles(array(a));
        Reference.reachabilityFence(a);
        return values;
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
        NDArray c = array(out);

        // libtorch's addmm is not among DJL's bindings, so the product is a temporary. With beta
        // = 0 it takes over out's storage (intern), which both skips a copy and forgets out's old
        // contents, NaN included, as gemm does.
        try (NDArray product = product(array(a), transposeA, array(b), transposeB)) {
            if (alpha != 1) {
                product.muli(alpha);
            }
            if (beta == 0) {
                c.intern(product);
            } else {
                if (beta != 1) {
                    c.muli(beta);
                }
                c.addi(product);
            }
        }
        fence(out, a, b);
    }

    /** {@code op(x) * op(y)}; the transposes are views, so no operand is copied. */
    private static NDArray product(NDArray x, boolean transposeX, NDArray y, boolean transposeY) {
        NDArray left = transposeX ? x.transpose() : x;
        NDArray right = transposeY ? y.transpose() : y;
        try {
            return left.matMul(right);
        } finally {
            if (left != x) {
                left.close();
            }
            if (right != y) {
                right.close();
            }
        }
    }

    // ---------------------------------------------------------------- elementwise

    @Override
    protected Tensor doBinary(BinaryOp op, Tensor a, Tensor b) {
        NDArray x = array(a);
        NDArray y = array(b);
        // PyTorch broadcasts a row, a column or a 1x1 right operand to the left one's shape itself.
        NDArray result;
        switch (op) {
            case ADD:
                result = x.add(y);
                break;
            case SUB:
                result = x.sub(y);
                break;
            case MUL:
                result = x.mul(y);
                break;
            case DIV:
                result = x.div(y);
                break;
            default:
                throw new AssertionError(op);
        }
        return adopt(result, a.shape(), a.dtype(), a, b);
    }

    @Override
    protected Tensor doUnary(UnaryOp op, Tensor a) {
        NDArray x = array(a);
        NDArray result;
        switch (op) {
            case EXP:
                result = x.exp();
                break;
            case LOG:
                result = x.log();
                break;
            case SQRT:
                result = x.sqrt();
                break;
            case RECIPROCAL:
                try (NDArray one = scalar(x, 1)) {
                    result = one.div(x);
                }
                break;
            default:
                throw new AssertionError(op);
        }
        return adopt(result, a.shape(), a.dtype(), a);
    }

    @Override
    protected Tensor doAffine(Tensor a, double scale, double shift) {
        NDArray x = array(a);
        NDArray result;
        if (scale != 1) {
            result = x.mul(scale);
            if (shift != 0) {
                result.addi(shift);
            }
        } else {
            result = shift != 0 ? x.add(shift) : x.duplicate();
        }
        return adopt(result, a.shape(), a.dtype(), a);
    }

    @Override
    protected Tensor doMaximum(Tensor a, double floor) {
        return adopt(array(a).maximum(floor), a.shape(), a.dtype(), a);
    }

    @Override
    protected Tensor doGreaterThan(Tensor a, double threshold) {
        double comparable = a.dtype() == DType.FLOAT32 ? floatBelow(threshold) : threshold;
        try (NDArray mask = array(a).gt(comparable)) {
            return adopt(mask.toType(dataType(a.dtype()), true), a.shape(), a.dtype(), a);
        }
    }

    /**
     * The largest float not above {@code threshold}. PyTorch compares a float32 tensor in float32,
     * rounding the threshold to the nearest float, which may lie above it; for every float {@code
     * x}, {@code x > floatBelow(t)} holds exactly when {@code x > t} does in double, as the
     * reference compares.
     */
    private static double floatBelow(double threshold) {
        float rounded = (float) threshold;
        return rounded > threshold ? Math.nextDown(rounded) : rounded;
    }

    // ---------------------------------------------------------------- reductions

    @Override
    protected Tensor doReduce(Reduction reduction, Tensor a) {
        NDArray x = array(a);
        if (reduction == Reduction.SUM_COLUMNS) {
            return adopt(x.sum(new int[] {0}, true), Shape.of(1, a.cols()), a.dtype(), a);
        }
        Shape column = Shape.of(a.rows(), 1);
        if (reduction == Reduction.SUM_ROWS) {
            return adopt(x.sum(new int[] {1}, true), column, a.dtype(), a);
        }
        if (a.cols() == 0) {
            return emptyRowsMax(column, a.dtype());
        }
        return adopt(x.max(new int[] {1}, true), column, a.dtype(), a);
    }

    /** PyTorch refuses to reduce an empty row; its maximum is the identity of max, -infinity. */
    private Tensor emptyRowsMax(Shape column, DType dtype) {
        double[] values = new double[column.rows()];
        Arrays.fill(values, Double.NEGATIVE_INFINITY);
        return doFromArray(values, column, dtype);
    }

    @Override
    protected int[] doArgmaxRows(Tensor a) {
        int[] columns = new int[a.rows()];
        if (a.cols() == 0) {
            return columns;
        }
        try (NDArray indices = array(a).argMax(1)) {
            long[] found = indices.toLongArray();
            for (int i = 0; i < columns.length; i++) {
                columns[i] = Math.toIntExact(found[i]);
            }
        }
        Reference.reachabilityFence(a);
        return columns;
    }

    @Override
    protected double doSum(Tensor a) {
        try (NDArray total = array(a).sum()) {
            return doubles(total)[0];
        } finally {
            Reference.reachabilityFence(a);
        }
    }

    // ---------------------------------------------------------------- in place

    @Override
    protected void doAddScaledInPlace(Tensor target, double alpha, Tensor x) {
        NDArray t = array(target);
        NDArray source = array(x);
        if (alpha == 1) {
            t.addi(source);
        } else {
            try (NDArray scaled = source.mul(alpha)) {
                t.addi(scaled);
            }
        }
        fence(target, x);
    }

    @Override
    protected void doScaleInPlace(Tensor target, double factor) {
        array(target).muli(factor);
        Reference.reachabilityFence(target);
    }

    @Override
    protected void doFillInPlace(Tensor target, double value) {
        // Multiplying by zero would keep NaN and infinity, so the value is assigned instead.
        NDArray t = array(target);
        try (NDArray filler = scalar(t, value)) {
            t.set(ALL, filler);
        }
        Reference.reachabilityFence(target);
    }

    @Override
    protected void doCopyInPlace(Tensor target, Tensor source) {
        array(target).set(ALL, array(source));
        fence(target, source);
    }

    // ---------------------------------------------------------------- fused, PyTorch's own

    @Override
    protected Tensor doRelu(Tensor a) {
        return adopt(array(a).getNDArrayInternal().relu(), a.shape(), a.dtype(), a);
    }

    @Override
    protected Tensor doReluBackward(Tensor gradOut, Tensor input) {
        // where() rather than a product with the mask: a NaN gradient where the input is not
        // positive gives 0, as in the reference backend.
        NDArray g = array(gradOut);
        try (NDArray positive = array(input).gt(0);
                NDArray zero = scalar(g, 0)) {
            NDArray result = g.getNDArrayInternal().where(positive, zero);
            return adopt(result, gradOut.shape(), gradOut.dtype(), gradOut, input);
        }
    }

    @Override
    protected Tensor doSigmoid(Tensor a) {
        return adopt(array(a).getNDArrayInternal().sigmoid(), a.shape(), a.dtype(), a);
    }

    @Override
    protected Tensor doTanh(Tensor a) {
        return adopt(array(a).tanh(), a.shape(), a.dtype(), a);
    }

    @Override
    protected Tensor doSoftmaxRows(Tensor a) {
        return adopt(array(a).softmax(1), a.shape(), a.dtype(), a);
    }

    @Override
    protected Tensor doLogSumExpRows(Tensor a) {
        Shape column = Shape.of(a.rows(), 1);
        if (a.cols() == 0) {
            return emptyRowsMax(column, a.dtype());
        }
        // DJL binds no logsumexp, so it is composed here, the row maximum taken out against
        // overflow, with every temporary freed at once rather than left to the scope.
        NDArray x = array(a);
        try (NDArray max = x.max(new int[] {1}, true);
                NDArray shifted = x.sub(max);
                NDArray exps = shifted.exp();
                NDArray sums = exps.sum(new int[] {1}, true)) {
            NDArray result = sums.log();
            result.addi(max);
            return adopt(result, column, a.dtype(), a);
        }
    }

    @Override
    protected Tensor doPickColumns(Tensor a, int[] columns) {
        long[] indices = new long[columns.length];
        for (int i = 0; i < columns.length; i++) {
            indices[i] = columns[i];
        }
        NDArray x = array(a);
        try (NDArray index =
                x.getManager().create(indices, new ai.djl.ndarray.types.Shape(columns.length, 1))) {
            return adopt(x.gather(index, 1), Shape.of(columns.length, 1), a.dtype(), a);
        }
    }

    // ---------------------------------------------------------------- storage

    /**
     * Wraps a fresh {@code result} as a tensor of the current scope, or of the root manager where
     * it is freed once unreachable. Keeps {@code inputs} reachable until the result is wrapped:
     * otherwise an unscoped input whose last use was the native call could be freed by the
     * collector while libtorch still reads it.
     */
    private DjlTensor adopt(NDArray result, Shape shape, DType dtype, Tensor... inputs) {
        NDManager owner = manager();
        if (result.getManager() != owner) {
            result.attach(owner);
        }
        DjlTensor tensor = new DjlTensor(this, result, shape, dtype);
        if (owner == root) {
            Reclaimer.CLEANER.register(tensor, result::close);
        }
        Reference.reachabilityFence(inputs);
        return tensor;
    }

    private static void fence(Tensor... tensors) {
        Reference.reachabilityFence(tensors);
    }

    /** The checks in {@link Backend} admit only tensors of this backend, so the cast holds. */
    private static NDArray array(Tensor a) {
        return ((DjlTensor) a).array();
    }

    /** A 0-d array of {@code like}'s type, which PyTorch broadcasts against any shape. */
    private static NDArray scalar(NDArray like, double value) {
        return like.getDataType() == DataType.FLOAT64
                ? like.getManager().create(value)
                : like.getManager().create((float) value);
    }

    private static double[] doubles(NDArray array) {
        if (array.getDataType() == DataType.FLOAT64) {
            return array.toDoubleArray();
        }
        float[] values = array.toFloatArray();
        double[] widened = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            widened[i] = values[i];
        }
        return widened;
    }

    private static DataType dataType(DType dtype) {
        return dtype == DType.FLOAT64 ? DataType.FLOAT64 : DataType.FLOAT32;
    }

    private static ai.djl.ndarray.types.Shape dims(Shape shape) {
        return new ai.djl.ndarray.types.Shape(shape.rows(), shape.cols());
    }

    /** Frees unscoped arrays on a daemon thread once their tensors are unreachable. */
    private static final class Reclaimer {
        static final Cleaner CLEANER =
                Cleaner.create(
                        task -> {
                            Thread thread = new Thread(task, "backprop4j-djl-reclaimer");
                            thread.setDaemon(true);
                            return thread;
                        });
    }
}

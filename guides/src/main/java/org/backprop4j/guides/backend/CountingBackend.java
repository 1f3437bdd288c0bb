package org.backprop4j.guides.backend;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.Tensor;
import org.backprop4j.tensor.TensorScope;

/**
 * A backend that hands every operation to another backend, its delegate, and counts the calls it
 * makes to it, by the name of the delegate's method: {@code "matmulInPlace"}, {@code "add"}, ...
 *
 * <p>Results are the delegate's, bit for bit. Every primitive and every fused operation is passed
 * on as one call, so the delegate's own fast forms (a native sigmoid, a one-call softmax) are used
 * and the count is the number of calls that reach it: what a backend reached through JNI pays a
 * fixed price for, whatever the size of the tensors. A {@code matmul} is counted as a {@code zeros}
 * for its output and a {@code matmulInPlace}, and a {@code copy} as an {@code affine}, because
 * {@link Backend} builds them so.
 *
 * <p>Its tensors wrap the delegate's and are its own: passing a tensor of the delegate, or of any
 * other backend, is refused as for every backend. Counting is safe from many threads at once.
 */
public final class CountingBackend extends Backend {

    /** The name of this backend. */
    public static final String NAME = "counting";

    private final Backend delegate;
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

    /** A backend that passes every operation to {@code delegate}. */
    public CountingBackend(Backend delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The backend that does the work. */
    public Backend delegate() {
        return delegate;
    }

    /** The calls made to the delegate since creation or {@link #reset()}, by method name. */
    public SortedMap<String, Long> counts() {
        SortedMap<String, Long> snapshot = new TreeMap<>();
        calls.forEach((operation, count) -> snapshot.put(operation, count.sum()));
        return snapshot;
    }

    /** The calls made to the delegate's method {@code operation}; 0 if none. */
    public long count(String operation) {
        LongAdder count = calls.get(operation);
        return count == null ? 0 : count.sum();
    }

    /** The calls made to the delegate, all methods together. */
    public long total() {
        return calls.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Starts counting from zero. */
    public void reset() {
        calls.clear();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<DType> dtypes() {
        return delegate.dtypes();
    }

    /** {@code delegate}, then the delegate's own properties. */
    @Override
    public Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("delegate", delegate.name());
        properties.putAll(delegate.properties());
        return properties;
    }

    /** The delegate's scope: it frees the delegate's temporaries, which this backend's wrap. */
    @Override
    public TensorScope openScope() {
        TensorScope scope = delegate.openScope();
        return new TensorScope() {
            @Override
            public <T extends Tensor> T keep(T tensor) {
                if (tensor.backend() != CountingBackend.this) {
                    throw new IllegalArgumentException(
                            "keep: a tensor of backend '"
                                    + tensor.backend().name()
                                    + "' was passed to a scope of backend '"
                                    + NAME
                                    + "'");
                }
                scope.keep(inner(tensor));
                return tensor;
            }

            @Override
            public void close() {
                scope.close();
            }
        };
    }

    // ---------------------------------------------------------------- the primitives

    @Override
    protected Tensor doFromArray(double[] values, Shape shape, DType dtype) {
        return wrap(call("fromArray").fromArray(values, shape, dtype));
    }

    @Override
    protected Tensor doZeros(Shape shape, DType dtype) {
        return wrap(call("zeros").zeros(shape, dtype));
    }

    @Override
    protected double[] doToDoubleArray(Tensor a) {
        return call("toDoubleArray").toDoubleArray(inner(a));
    }

    @Override
    protected void doMatmulInPlace(
            Tensor out,
            double alpha,
            Tensor a,
            boolean transposeA,
            Tensor b,
            boolean transposeB,
            double beta) {
        call("matmulInPlace")
                .matmulInPlace(inner(out), alpha, inner(a), transposeA, inner(b), transposeB, beta);
    }

    @Override
    protected Tensor doBinary(BinaryOp op, Tensor a, Tensor b) {
        Tensor x = inner(a);
        Tensor y = inner(b);
        return wrap(
                switch (op) {
                    case ADD -> call("add").add(x, y);
                    case SUB -> call("sub").sub(x, y);
                    case MUL -> call("mul").mul(x, y);
                    case DIV -> call("div").div(x, y);
                });
    }

    @Override
    protected Tensor doUnary(UnaryOp op, Tensor a) {
        Tensor x = inner(a);
        return wrap(
                switch (op) {
                    case EXP -> call("exp").exp(x);
                    case LOG -> call("log").log(x);
                    case SQRT -> call("sqrt").sqrt(x);
                    // Backend has no public reciprocal, so it is ones / x on the delegate.
                    case RECIPROCAL -> call("div").div(ones(x), x);
                });
    }

    @Override
    protected Tensor doAffine(Tensor a, double scale, double shift) {
        return wrap(call("affine").affine(inner(a), scale, shift));
    }

    @Override
    protected Tensor doMaximum(Tensor a, double floor) {
        return wrap(call("maximum").maximum(inner(a), floor));
    }

    @Override
    protected Tensor doGreaterThan(Tensor a, double threshold) {
        return wrap(call("greaterThan").greaterThan(inner(a), threshold));
    }

    @Override
    protected Tensor doReduce(Reduction reduction, Tensor a) {
        Tensor x = inner(a);
        return wrap(
                switch (reduction) {
                    case SUM_COLUMNS -> call("sumColumns").sumColumns(x);
                    case SUM_ROWS -> call("sumRows").sumRows(x);
                    case MAX_ROWS -> call("maxRows").maxRows(x);
                });
    }

    @Override
    protected int[] doArgmaxRows(Tensor a) {
        return call("argmaxRows").argmaxRows(inner(a));
    }

    @Override
    protected void doAddScaledInPlace(Tensor target, double alpha, Tensor x) {
        call("addScaledInPlace").addScaledInPlace(inner(target), alpha, inner(x));
    }

    @Override
    protected void doScaleInPlace(Tensor target, double factor) {
        call("scaleInPlace").scaleInPlace(inner(target), factor);
    }

    @Override
    protected void doFillInPlace(Tensor target, double value) {
        call("fillInPlace").fillInPlace(inner(target), value);
    }

    // ---------------------------------------------------------------- the fused operations

    @Override
    protected void doCopyInPlace(Tensor target, Tensor source) {
        call("copyInPlace").copyInPlace(inner(target), inner(source));
    }

    @Override
    protected double doSum(Tensor a) {
        return call("sum").sum(inner(a));
    }

    @Override
    protected Tensor doRelu(Tensor a) {
        return wrap(call("relu").relu(inner(a)));
    }

    @Override
    protected Tensor doReluBackward(Tensor gradOut, Tensor input) {
        return wrap(call("reluBackward").reluBackward(inner(gradOut), inner(input)));
    }

    @Override
    protected Tensor doSigmoid(Tensor a) {
        return wrap(call("sigmoid").sigmoid(inner(a)));
    }

    @Override
    protected Tensor doTanh(Tensor a) {
        return wrap(call("tanh").tanh(inner(a)));
    }

    @Override
    protected Tensor doSoftmaxRows(Tensor a) {
        return wrap(call("softmaxRows").softmaxRows(inner(a)));
    }

    @Override
    protected Tensor doLogSumExpRows(Tensor a) {
        return wrap(call("logSumExpRows").logSumExpRows(inner(a)));
    }

    @Override
    protected LossAndGradient doSoftmaxCrossEntropy(Tensor logits, int[] classes) {
        LossAndGradient inner =
                call("softmaxCrossEntropy").softmaxCrossEntropy(inner(logits), classes);
        return new LossAndGradient(inner.value(), wrap(inner.gradient()));
    }

    @Override
    protected Tensor doPickColumns(Tensor a, int[] columns) {
        return wrap(call("pickColumns").pickColumns(inner(a), columns));
    }

    // ---------------------------------------------------------------- wrapping and counting

    /** Counts one call of the delegate's method {@code operation} and returns the delegate. */
    private Backend call(String operation) {
        calls.computeIfAbsent(operation, key -> new LongAdder()).increment();
        return delegate;
    }

    private Tensor wrap(Tensor inner) {
        return new CountingTensor(this, inner);
    }

    /** Only reached with tensors that {@link Backend}'s checks found to be this backend's. */
    private static Tensor inner(Tensor a) {
        return ((CountingTensor) a).inner();
    }

    private Tensor ones(Tensor like) {
        double[] values = new double[Math.toIntExact(like.shape().size())];
        Arrays.fill(values, 1);
        return call("fromArray").fromArray(values, like.shape(), like.dtype());
    }
}

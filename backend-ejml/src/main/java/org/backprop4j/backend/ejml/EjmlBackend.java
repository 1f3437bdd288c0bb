package org.backprop4j.backend.ejml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.Tensor;
import org.ejml.concurrency.EjmlConcurrency;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * A backend on EJML's dense row-major matrices, pure Java: float64 tensors are {@link DMatrixRMaj},
 * float32 tensors {@link FMatrixRMaj}.
 *
 * <p>Products use EJML's kernel for each form ({@code mult}, {@code multTransA}, {@code
 * multTransB}, {@code multTransAB} and their {@code multAdd} variants), so a transpose is never
 * materialized. Large plain products run on EJML's concurrent kernels, which share EJML's global
 * fork-join pool ({@code EjmlConcurrency.setMaxThreads} sizes it); every other operation runs on
 * the calling thread. The fused operations (ReLU and its gradient, sigmoid, tanh, row softmax and
 * log-sum-exp, column picking) are single passes.
 *
 * <p>Thread safety: an instance holds no mutable state, so operations on distinct tensors may run
 * on many threads at once; a tensor updated in place must not be used by another thread meanwhile.
 */
public final class EjmlBackend extends Backend {

    /** The name users select this backend by. */
    public static final String NAME = "ejml";

    /**
     * The work, in floating-point operations ({@code 2 m k n}), from which a plain product runs on
     * EJML's concurrent kernels.
     *
     * <p>Measured with a throwaway harness on a 2-core machine shared with other work, best of
     * seven 0.2 s rounds, at the shapes of one MNIST step (batch 128): the concurrent {@code mult}
     * of 128x784 by 784x128 (25.7 MFLOP) reached 1.5x the single-threaded GFLOP/s in float64 and
     * 1.0-1.2x in float32; at 128x128 by 128x10 it lost (0.75x). The transposed forms gained
     * nothing at any of these shapes: {@code multTransA} of 784x128 outputs ran at 0.95x, {@code
     * multTransB} of 128x784 outputs at 1.0x, and the small ones at 0.8-0.9x.
     */
    static final long CONCURRENT_MIN_FLOPS = 10_000_000L;

    private static final Set<DType> DTYPES = Set.of(DType.FLOAT64, DType.FLOAT32);

    private final boolean concurrent;

    /**
     * A backend that uses EJML's concurrent kernels where they pay off, if there are 2+ cores or
     * {@link Backend#THREADS_PROPERTY} asks for 2+ threads; that property also sizes EJML's pool.
     */
    public EjmlBackend() {
        this(concurrentThreads() > 1);
    }

    private static int concurrentThreads() {
        int requested = requestedThreads();
        if (requested == 0) {
            return Runtime.getRuntime().availableProcessors();
        }
        // EJML's pool is global: the last backend created sets it for all.
        EjmlConcurrency.setMaxThreads(requested);
        return requested;
    }

    /**
     * A backend that uses EJML's concurrent kernels for large plain products if {@code concurrent},
     * and runs every operation on the calling thread otherwise.
     */
    public EjmlBackend(boolean concurrent) {
        this.concurrent = concurrent;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<DType> dtypes() {
        return DTYPES;
    }

    /** The library ({@code EJML}), its version, and the threads products may use. */
    @Override
    public Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("library", "EJML");
        properties.put("version", EjmlBackendProvider.ejmlVersion());
        properties.put("threads", String.valueOf(threads()));
        return Collections.unmodifiableMap(properties);
    }

    /** The threads a product may use: EJML's pool size when concurrent kernels are on, else 1. */
    public int threads() {
        return concurrent ? EjmlConcurrency.getMaxThreads() : 1;
    }

    // ---------------------------------------------------------------- creation and copying out

    @Override
    protected Tensor doFromArray(double[] values, Shape shape, DType dtype) {
        Tensor out = doZeros(shape, dtype);
        EjmlTensor tensor = (EjmlTensor) out;
        if (dtype == DType.FLOAT64) {
            System.arraycopy(values, 0, tensor.float64().data, 0, values.length);
        } else {
            float[] data = tensor.float32().data;
            for (int i = 0; i < values.length; i++) {
                data[i] = (float) values[i];
            }
        }
        return out;
    }

    @Override
    protected Tensor doZeros(Shape shape, DType dtype) {
        if (shape.rank() != 2) {
            throw new IllegalArgumentException(
                    "The EJML backend stores rank-2 tensors only; got shape "
                            + shape
                            + ". Reshape to batch x features.");
        }
        if (shape.size() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "Shape "
                            + shape
                            + " has "
                            + shape.size()
                            + " elements; an EJML matrix holds at most "
                            + Integer.MAX_VALUE
                            + ". Use smaller batches.");
        }
        return dtype == DType.FLOAT64
                ? wrap(new DMatrixRMaj(shape.rows(), shape.cols()))
                : wrap(new FMatrixRMaj(shape.rows(), shape.cols()));
    }

    @Override
    protected double[] doToDoubleArray(Tensor a) {
        EjmlTensor x = (EjmlTensor) a;
        if (x.dtype() == DType.FLOAT64) {
            return x.float64().data.clone();
        }
        float[] data = x.float32().data;
        double[] values = new double[data.length];
        for (int i = 0; i < data.length; i++) {
            values[i] = data[i];
        }
        return values;
    }

    // ---------------------------------------------------------------- products

    @Override
    protected void doMatmulInPlace(
            Tensor out,
            double alpha,
            Tensor a,
            boolean transposeA,
            Tensor b,
            boolean transposeB,
            double beta) {
        EjmlTensor z = (EjmlTensor) out;
        EjmlTensor x = (EjmlTensor) a;
        EjmlTensor y = (EjmlTensor) b;
        int inner = transposeA ? a.rows() : a.cols();
        boolean threaded =
                concurrent
                        && !transposeA
                        && !transposeB
                        && 2L * out.rows() * inner * out.cols() >= CONCURRENT_MIN_FLOPS;

        if (z.dtype() == DType.FLOAT64) {
            EjmlFloat64Ops.multiplyInPlace(
                    z.float64(),
                    alpha,
                    x.float64(),
                    transposeA,
                    y.float64(),
                    transposeB,
                    beta,
                    threaded);
        } else {
            EjmlFloat32Ops.multiplyInPlace(
                    z.float32(),
                    (float) alpha,
                    x.float32(),
                    transposeA,
                    y.float32(),
                    transposeB,
                    (float) beta,
                    threaded);
        }
    }

    // ---------------------------------------------------------------- elementwise and reductions

    @Override
    protected Tensor doBinary(BinaryOp op, Tensor a, Tensor b) {
        EjmlArithmetic arithmetic = arithmetic(op);
        EjmlTensor x = (EjmlTensor) a;
        EjmlTensor y = (EjmlTensor) b;
        return x.dtype() == DType.FLOAT64
                ? wrap(EjmlFloat64Ops.binary(arithmetic, x.float64(), y.float64()))
                : wrap(EjmlFloat32Ops.binary(arithmetic, x.float32(), y.float32()));
    }

    private static EjmlArithmetic arithmetic(BinaryOp op) {
        switch (op) {
            case ADD:
                return EjmlArithmetic.ADD;
            case SUB:
                return EjmlArithmetic.SUB;
            case MUL:
                return EjmlArithmetic.MUL;
            case DIV:
                return EjmlArithmetic.DIV;
            default:
                throw new UnsupportedOperationException(
                        "Binary operation " + op + " is not implemented by backend " + NAME);
        }
    }

    @Override
    protected Tensor doUnary(UnaryOp op, Tensor a) {
        EjmlTensor x = (EjmlTensor) a;
        boolean float64 = x.dtype() == DType.FLOAT64;
        switch (op) {
            case EXP:
                return float64
                        ? wrap(EjmlFloat64Ops.exp(x.float64()))
                        : wrap(EjmlFloat32Ops.exp(x.float32()));
            case LOG:
                return float64
                        ? wrap(EjmlFloat64Ops.log(x.float64()))
                        : wrap(EjmlFloat32Ops.log(x.float32()));
            case SQRT:
                return float64
                        ? wrap(EjmlFloat64Ops.sqrt(x.float64()))
                        : wrap(EjmlFloat32Ops.sqrt(x.float32()));
            case RECIPROCAL:
                return float64
                        ? wrap(EjmlFloat64Ops.reciprocal(x.float64()))
                        : wrap(EjmlFloat32Ops.reciprocal(x.float32()));
            default:
                throw new UnsupportedOperationException(
                        "Unary operation " + op + " is not implemented by backend " + NAME);
        }
    }

    @Override
    protected Tensor doAffine(Tensor a, double scale, double shift) {
        EjmlTensor x = (EjmlTensor) a;
        return x.dtype() == DType.FLOAT64
                ? wrap(EjmlFloat64Ops.affine(x.float64(), scale, shift))
                : wrap(EjmlFloat32Ops.affine(x.float32(), scale, shift));
    }

    @Override
    protected Tensor doMaximum(Tensor a, double floor) {
        EjmlTensor x = (EjmlTensor) a;
        return x.dtype() == DType.FLOAT64
                ? wrap(EjmlFloat64Ops.maximum(x.float64(), floor))
                : wrap(EjmlFloat32Ops.maximum(x.float32(), floor));
    }

    @Override
    protected Tensor doGreaterThan(Tensor a, double threshold) {
        EjmlTensor x = (EjmlTensor) a;
        return x.dtype() == DType.FLOAT64
                ? wrap(EjmlFloat64Ops.greaterThan(x.float64(), threshold))
                : wrap(EjmlFloat32Ops.greaterThan(x.float32(), threshold));
    }

    @Override
    protected Tensor doReduce(Reduction reduction, Tensor a) {
        EjmlTensor x = (EjmlTensor) a;
        boolean float64 = x.dtype() == DType.FLOAT64;
        switch (reduction) {
            case SUM_COLUMNS:
                return float64
                        ? wrap(EjmlFloat64Ops.sumColumns(x.float64()))
                        : wrap(EjmlFloat32Ops.sumColumns(x.float32()));
            case SUM_ROWS:
                return float64
                        ? wrap(EjmlFloat64Ops.sumRows(x.float64()))
                        : wrap(EjmlFloat32Ops.sumRows(x.float32()));
            case MAX_ROWS:
                return float64
                        ? wrap(EjmlFloat64Ops.maxRows(x.float64()))
                        : wrap(EjmlFloat32Ops.maxRows(x.float32()));
            default:
                throw new UnsupportedOperationException(
                        "Reduction " + reduction + " is not implemented by backend " + NAME);
        }
    }

    @Override
    protected int[] doArgmaxRows(Tensor a) {
        EjmlTensor x = (EjmlTensor) a;
        return x.dtype() == DType.FLOAT64
                ? EjmlFloat64Ops.argmaxRows(x.float64())
                : EjmlFloat32Ops.argmaxRows(x.float32());
    }

    @Override
    protected double doSum(Tensor a) {
        EjmlTensor x = (EjmlTensor) a;
        return x.dtype() == DType.FLOAT64
                ? EjmlFloat64Ops.sum(x.float64())
                : EjmlFloat32Ops.sum(x.float32());
    }

    // ---------------------------------------------------------------- in place

    @Override
    protected void doAddScaledInPlace(Tensor target, double alpha, Tensor x) {
        EjmlTensor t = (EjmlTensor) target;
        EjmlTensor s = (EjmlTensor) x;
        if (t.dtype() == DType.FLOAT64) {
            EjmlFloat64Ops.addScaledInPlace(t.float64(), alpha, s.float64());
        } else {
            EjmlFloat32Ops.addScaledInPlace(t.float32(), alpha, s.float32());
        }
    }

    @Override
    protected void doScaleInPlace(Tensor target, double factor) {
        EjmlTensor t = (EjmlTensor) target;
        if (t.dtype() == DType.FLOAT64) {
            EjmlFloat64Ops.scaleInPlace(t.float64(), factor);
        } else {
            EjmlFloat32Ops.scaleInPlace(t.float32(), factor);
        }
    }

    @Override
    protected void doFillInPlace(Tensor target, double value) {
        EjmlTensor t = (EjmlTensor) target;
        if (t.dtype() == DType.FLOAT64) {
            EjmlFloat64Ops.fillInPlace(t.float64(), value);
        } else {
            EjmlFloat32Ops.fillInPlace(t.float32(), value);
        }
    }

    @Override
    protected void doCopyInPlace(Tensor target, Tensor source) {
        EjmlTensor t = (EjmlTensor) target;
        EjmlTensor s = (EjmlTensor) source;
        if (t.dtype() == DType.FLOAT64) {
            EjmlFloat64Ops.copyInPlace(t.float64(), s.float64());
        } else {
            EjmlFloat32Ops.copyInPlace(t.float32(), s.float32());
        }
    }

    // ---------------------------------------------------------------- fused, in one pass each

    @Override
    protected Tensor doReluBackward(Tensor gradOut, Tensor input) {
        EjmlTensor g = (EjmlTensor) gradOut;
        EjmlTensor x = (EjmlTensor) input;
        return g.dtype() == DType.FLOAT64
                ? wrap(EjmlFloat64Ops.reluBackward(g.float64(), x.float64()))
                : wrap(EjmlFloat32Ops.reluBackward(g.float32(), x.float32()));
    }

    @Override
    protected Tensor doSigmoid(Tensor a) {
        EjmlTensor x = (EjmlTensor) a;
        return x.dtype() == DType.FLOAT64
                ? wrap(EjmlFloat64Ops.sigmoid(x.float64()))
                : wrap(EjmlFloat32Ops.sigmoid(x.float32()));
    }

    @Override
    protected Tensor doTanh(Tensor a) {
        EjmlTensor x = (EjmlTensor) a;
        return x.dtype() == DType.FLOAT64
                ? wrap(EjmlFloat64Ops.tanh(x.float64()))
                : wrap(EjmlFloat32Ops.tanh(x.float32()));
    }

    @Override
    protected Tensor doSoftmaxRows(Tensor a) {
        EjmlTensor x = (EjmlTensor) a;
        return x.dtype() == DType.FLOAT64
                ? wrap(EjmlFloat64Ops.softmaxRows(x.float64()))
                : wrap(EjmlFloat32Ops.softmaxRows(x.float32()));
    }

    @Override
    protected Tensor doLogSumExpRows(Tensor a) {
        EjmlTensor x = (EjmlTensor) a;
        return x.dtype() == DType.FLOAT64
                ? wrap(EjmlFloat64Ops.logSumExpRows(x.float64()))
                : wrap(EjmlFloat32Ops.logSumExpRows(x.float32()));
    }

    @Override
    protected Tensor doPickColumns(Tensor a, int[] columns) {
        EjmlTensor x = (EjmlTensor) a;
        return x.dtype() == DType.FLOAT64
                ? wrap(EjmlFloat64Ops.pickColumns(x.float64(), columns))
                : wrap(EjmlFloat32Ops.pickColumns(x.float32(), columns));
    }

    private Tensor wrap(DMatrixRMaj matrix) {
        return new EjmlTensor(this, matrix);
    }

    private Tensor wrap(FMatrixRMaj matrix) {
        return new EjmlTensor(this, matrix);
    }

    @Override
    public String toString() {
        return "EjmlBackend[concurrent=" + concurrent + "]";
    }
}

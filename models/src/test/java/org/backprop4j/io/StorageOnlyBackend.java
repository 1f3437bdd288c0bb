package org.backprop4j.io;

import java.util.Set;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.Tensor;

/**
 * A backend that stores tensors in heap arrays and does no math: model files only create tensors,
 * copy them and read them out, and {@code models} cannot depend on a real backend (the backends
 * test against {@code testkit}, which depends on {@code models}). Public for the tests of other
 * packages in this module that load model files. Every math primitive refuses, naming itself, so a
 * test that strays into math fails loudly.
 */
public final class StorageOnlyBackend extends Backend {
    private final String name;

    public StorageOnlyBackend(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<DType> dtypes() {
        return Set.of(DType.FLOAT64, DType.FLOAT32);
    }

    @Override
    protected Tensor doFromArray(double[] values, Shape shape, DType dtype) {
        double[] stored = values.clone();
        if (dtype == DType.FLOAT32) {
            for (int i = 0; i < stored.length; i++) {
                stored[i] = (float) stored[i];
            }
        }
        return new Stored(this, shape, dtype, stored);
    }

    @Override
    protected Tensor doZeros(Shape shape, DType dtype) {
        return new Stored(this, shape, dtype, new double[(int) shape.size()]);
    }

    @Override
    protected double[] doToDoubleArray(Tensor a) {
        return ((Stored) a).values.clone();
    }

    @Override
    protected void doCopyInPlace(Tensor target, Tensor source) {
        double[] from = ((Stored) source).values;
        System.arraycopy(from, 0, ((Stored) target).values, 0, from.length);
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
        throw noMath("matmul");
    }

    @Override
    protected Tensor doBinary(BinaryOp op, Tensor a, Tensor b) {
        throw noMath(op.name());
    }

    @Override
    protected Tensor doUnary(UnaryOp op, Tensor a) {
        throw noMath(op.name());
    }

    @Override
    protected Tensor doAffine(Tensor a, double scale, double shift) {
        throw noMath("affine");
    }

    @Override
    protected Tensor doMaximum(Tensor a, double floor) {
        throw noMath("maximum");
    }

    @Override
    protected Tensor doGreaterThan(Tensor a, double threshold) {
        throw noMath("greaterThan");
    }

    @Override
    protected Tensor doReduce(Reduction reduction, Tensor a) {
        throw noMath(reduction.name());
    }

    @Override
    protected int[] doArgmaxRows(Tensor a) {
        throw noMath("argmaxRows");
    }

    @Override
    protected void doAddScaledInPlace(Tensor target, double alpha, Tensor x) {
        throw noMath("addScaledInPlace");
    }

    @Override
    protected void doScaleInPlace(Tensor target, double factor) {
        throw noMath("scaleInPlace");
    }

    @Override
    protected void doFillInPlace(Tensor target, double value) {
        throw noMath("fillInPlace");
    }

    private UnsupportedOperationException noMath(String operation) {
        return new UnsupportedOperationException(
                operation + " on backend " + name + ", which only stores tensors for tests");
    }

    private static final class Stored extends Tensor {
        private final double[] values;

        Stored(Backend backend, Shape shape, DType dtype, double[] values) {
            super(backend, shape, dtype);
            this.values = values;
        }
    }
}

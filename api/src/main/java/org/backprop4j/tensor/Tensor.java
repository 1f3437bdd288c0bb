package org.backprop4j.tensor;

/**
 * A rank-2 array of numbers owned by one {@link Backend}.
 *
 * <p>A tensor is a handle: its math is done by its backend ({@code backend().matmul(a, b)}), and
 * its elements are read with {@link #toDoubleArray()}. Operations never modify their arguments
 * unless their name ends in {@code InPlace}. Backends subclass this type to hold their storage.
 */
public abstract class Tensor {
    private final Backend backend;
    private final Shape shape;
    private final DType dtype;

    protected Tensor(Backend backend, Shape shape, DType dtype) {
        this.backend = backend;
        this.shape = shape;
        this.dtype = dtype;
    }

    public final Backend backend() {
        return backend;
    }

    public final Shape shape() {
        return shape;
    }

    public final DType dtype() {
        return dtype;
    }

    /** Rows of this rank-2 tensor: the batch size. */
    public final int rows() {
        return shape.rows();
    }

    /** Columns of this rank-2 tensor: the features. */
    public final int cols() {
        return shape.cols();
    }

    /** A copy of the elements in row-major order. */
    public final double[] toDoubleArray() {
        return backend.toDoubleArray(this);
    }

    @Override
    public String toString() {
        return "Tensor[" + shape + ", " + dtype + ", " + backend.name() + "]";
    }
}

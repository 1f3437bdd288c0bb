package org.backprop4j.tensor;

import java.util.Arrays;

/**
 * The dimensions of a tensor, outermost first.
 *
 * <p>Tensors are rank 2 for now: batch by features, with a row vector written {@code 1 x n}. The
 * type holds any rank so that higher ranks can come without changing the SPI; {@link #rows()} and
 * {@link #cols()} are for rank 2 only.
 */
public final class Shape {
    private final int[] dims;

    private Shape(int[] dims) {
        this.dims = dims;
    }

    /**
     * A shape with the given dimensions.
     *
     * @throws IllegalArgumentException if there is no dimension or one is negative
     */
    public static Shape of(int... dims) {
        if (dims.length == 0) {
            throw new IllegalArgumentException("A shape needs at least one dimension");
        }
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException(
                        "Negative dimension in shape " + Arrays.toString(dims));
            }
        }
        return new Shape(dims.clone());
    }

    /** The number of dimensions. */
    public int rank() {
        return dims.length;
    }

    /** The size of dimension {@code axis}. */
    public int dim(int axis) {
        return dims[axis];
    }

    /** A copy of all dimensions. */
    public int[] dims() {
        return dims.clone();
    }

    /** The number of rows of a rank-2 shape: the batch size. */
    public int rows() {
        requireRank2();
        return dims[0];
    }

    /** The number of columns of a rank-2 shape: the features. */
    public int cols() {
        requireRank2();
        return dims[1];
    }

    /** The number of elements. */
    public long size() {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    private void requireRank2() {
        if (dims.length != 2) {
            throw new IllegalStateException("Expected a rank-2 shape, got " + this);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Shape && Arrays.equals(dims, ((Shape) other).dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** Dimensions joined by {@code x}, as in {@code 128x784}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            text.append(i == 0 ? "" : "x").append(dims[i]);
        }
        return text.toString();
    }
}

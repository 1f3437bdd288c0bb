package org.backprop4j.io;

import java.util.Arrays;
import java.util.Objects;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;

/**
 * The contents of one tensor in a model file: its data type, its shape and its elements in
 * row-major order. The name lives in the {@link SafetensorsFile} that holds it.
 *
 * <p>Immutable and safe to share between threads: the values are copied on the way in and on the
 * way out. A {@link DType#FLOAT32} tensor holds its values rounded to {@code float}, exactly what
 * the file stores, so a tensor equals what reading it back gives.
 *
 * @param dtype how the elements are stored in the file
 * @param shape the dimensions; its {@linkplain Shape#size() size} is the number of values
 * @param values the elements in row-major order
 */
public record TensorData(DType dtype, Shape shape, double[] values) {

    /**
     * @throws IllegalArgumentException if the number of values is not the shape's size
     */
    public TensorData {
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(values, "values");
        if (values.length != exactSize(shape)) {
            throw new IllegalArgumentException(
                    "Shape "
                            + shape
                            + " holds "
                            + shape.size()
                            + " values, but "
                            + values.length
                            + " were given");
        }
        values = values.clone();
        if (dtype == DType.FLOAT32) {
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) values[i];
            }
        }
    }

    private static long exactSize(Shape shape) {
        long size = 1;
        for (int dim : shape.dims()) {
            try {
                size = Math.multiplyExact(size, dim);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(
                        "Shape " + shape + " has more elements than a long can count", e);
            }
        }
        return size;
    }

    /** A copy of the elements in row-major order. */
    @Override
    public double[] values() {
        return values.clone();
    }

    /** The number of bytes the elements take in a file: size times the dtype's byte size. */
    public long byteSize() {
        return shape.size() * dtype.byteSize();
    }

    /** Equal when dtype, shape and every value's bits are equal ({@code NaN} equals itself). */
    @Override
    public boolean equals(Object other) {
        return other instanceof TensorData that
                && dtype == that.dtype
                && shape.equals(that.shape)
                && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dtype, shape, Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "TensorData[" + dtype.safetensorsName() + ", " + shape + "]";
    }
}

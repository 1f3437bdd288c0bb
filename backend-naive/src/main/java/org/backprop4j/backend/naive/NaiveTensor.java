package org.backprop4j.backend.naive;

import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.Tensor;

/**
 * A tensor of the {@link NaiveBackend}: its elements in one {@code double[]}, row-major, for both
 * data types. A {@link DType#FLOAT32} tensor holds only values that a {@code float} can represent.
 *
 * <p>Created only by its backend. Not synchronized: reading it while an {@code InPlace} operation
 * writes it is a data race, as for any mutable array.
 */
public final class NaiveTensor extends Tensor {
    private final double[] data;

    /** Takes ownership of {@code data}, which must already be rounded to {@code dtype}. */
    NaiveTensor(NaiveBackend backend, Shape shape, DType dtype, double[] data) {
        super(backend, shape, dtype);
        this.data = data;
    }

    /** The backing array itself, not a copy; only the backend reads or writes it. */
    double[] data() {
        return data;
    }
}

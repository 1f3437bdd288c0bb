package org.backprop4j.data;

import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;

/**
 * Samples held on the heap, handed to a backend a batch at a time.
 *
 * @param <Y> the type of a batch's targets
 */
public interface Dataset<Y> {

    /** The number of samples. */
    int size();

    /** The width of one input row. */
    int features();

    /**
     * The samples at {@code indices}, in that order, as tensors of {@code backend}.
     *
     * @throws IndexOutOfBoundsException naming the index and the size
     */
    Batch<Y> batch(int[] indices, Backend backend, DType dtype);

    /** Every sample, in order, as one batch. */
    default Batch<Y> all(Backend backend, DType dtype) {
        int[] indices = new int[size()];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = i;
        }
        return batch(indices, backend, dtype);
    }
}

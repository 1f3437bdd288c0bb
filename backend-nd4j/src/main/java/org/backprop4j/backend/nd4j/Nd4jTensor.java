package org.backprop4j.backend.nd4j;

import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A tensor of the {@link Nd4jBackend}: one ND4J array in native memory, row-major ({@code 'c'}
 * order), contiguous and owning its buffer (never a view), of ND4J type {@code DOUBLE} for {@link
 * DType#FLOAT64} or {@code FLOAT} for {@link DType#FLOAT32}.
 *
 * <p>Created only by its backend. The native buffer is freed by the garbage collector, or earlier
 * when the {@link org.backprop4j.tensor.TensorScope} it was created in closes; after that any use
 * of the tensor throws {@link IllegalStateException}. Not synchronized: reading it while an {@code
 * InPlace} operation writes it is a data race, as for any mutable array.
 */
public final class Nd4jTensor extends Tensor {
    private final INDArray array;
    private volatile boolean freed;

    Nd4jTensor(Nd4jBackend backend, Shape shape, DType dtype, INDArray array) {
        super(backend, shape, dtype);
        this.array = array;
    }

    /**
     * The ND4J array itself, not a copy; only the backend reads or writes it.
     *
     * @throws IllegalStateException if the tensor's scope has freed it
     */
    INDArray array() {
        if (freed) {
            throw new IllegalStateException(
                    "Tensor "
                            + this
                            + " was freed when the TensorScope it was created in closed;"
                            + " pass it to scope.keep(...) to use it after the scope");
        }
        return array;
    }

    /** Releases the native buffer now rather than at garbage collection; idempotent. */
    void free() {
        if (!freed) {
            freed = true;
            if (array.closeable()) {
                array.close();
            }
        }
    }
}

package org.backprop4j.backend.djl;

import ai.djl.ndarray.NDArray;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.Tensor;

/**
 * A tensor of the {@link DjlBackend}: a handle on a PyTorch tensor in native memory, held as a DJL
 * {@link NDArray}.
 *
 * <p>Its memory is freed with the {@link org.backprop4j.tensor.TensorScope} it was created in, or,
 * when it was created outside any scope or kept, after the garbage collector finds it unreachable.
 * Using it after its scope closed throws {@link IllegalStateException}. Created only by its
 * backend. Not synchronized: reading it while an {@code InPlace} operation writes it is a data
 * race, as for any mutable array.
 */
public final class DjlTensor extends Tensor {
    private final NDArray array;

    DjlTensor(DjlBackend backend, NDArray array, Shape shape, DType dtype) {
        super(backend, shape, dtype);
        this.array = array;
    }

    /**
     * The array behind this tensor; only the backend uses it.
     *
     * @throws IllegalStateException if the scope this tensor was created in has closed
     */
    NDArray array() {
        if (array.isReleased()) {
            throw new IllegalStateException(
                    this
                            + " was freed when the TensorScope it was created in closed; call"
                            + " scope.keep(tensor) before closing to use it afterwards");
        }
        return array;
    }
}

package org.backprop4j.guides.backend;

import org.backprop4j.tensor.Tensor;

/** A tensor of the {@link CountingBackend}: a handle on a tensor of the backend it wraps. */
final class CountingTensor extends Tensor {
    private final Tensor inner;

    CountingTensor(CountingBackend backend, Tensor inner) {
        super(backend, inner.shape(), inner.dtype());
        this.inner = inner;
    }

    /** The wrapped backend's tensor, which holds the elements. */
    Tensor inner() {
        return inner;
    }
}

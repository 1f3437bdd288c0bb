package org.backprop4j.tensor;

/**
 * A region of code whose temporary tensors a backend may free when it closes.
 *
 * <p>Backends that keep tensors in native memory release the tensors created on this thread while
 * the scope was open, except those handed to {@link #keep}. Tensors created before the scope
 * opened, and in-place updates of them, are untouched. On heap backends closing does nothing, and
 * garbage collection frees temporaries as usual. Scopes nest; close them in reverse order.
 */
public interface TensorScope extends AutoCloseable {

    /** A scope that frees nothing, for backends whose memory the garbage collector manages. */
    TensorScope NONE =
            new TensorScope() {
                @Override
                public <T extends Tensor> T keep(T tensor) {
                    return tensor;
                }

                @Override
                public void close() {}
            };

    /** Moves {@code tensor} out of this scope so that it outlives it; returns it. */
    <T extends Tensor> T keep(T tensor);

    @Override
    void close();
}

package org.backprop4j.backend.djl;

import ai.djl.ndarray.NDManager;
import org.backprop4j.tensor.Tensor;
import org.backprop4j.tensor.TensorScope;

/**
 * A {@link TensorScope} of the {@link DjlBackend}: a child {@link NDManager} that the tensors
 * created on the opening thread while it is the innermost open scope are attached to, and that
 * frees them all at {@link #close()}.
 *
 * <p>Confined to the thread that opened it. Closing a scope also closes the scopes opened inside it
 * that are still open, since their managers are its children.
 */
final class DjlScope implements TensorScope {
    private final DjlBackend backend;
    private final NDManager manager;
    private final Thread owner;
    private boolean closed;

    DjlScope(DjlBackend backend, NDManager manager) {
        this.backend = backend;
        this.manager = manager;
        this.owner = Thread.currentThread();
    }

    NDManager manager() {
        return manager;
    }

    /**
     * Moves {@code tensor} to the backend's root manager, where it lives until it is unreachable.
     *
     * @throws IllegalStateException if this scope has closed, and so already freed its tensors
     * @throws IllegalArgumentException if {@code tensor} belongs to another backend
     */
    @Override
    public <T extends Tensor> T keep(T tensor) {
        if (closed) {
            throw new IllegalStateException(
                    "keep: this TensorScope is closed and has freed its tensors; keep "
                            + tensor
                            + " before closing the scope");
        }
        backend.keepInRoot(tensor);
        return tensor;
    }

    /**
     * Frees the tensors created in this scope and not kept. Closing twice does nothing.
     *
     * @throws IllegalStateException if called on another thread than the one that opened it
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException(
                    "A TensorScope of backend 'djl' must be closed on the thread that opened it ("
                            + owner.getName()
                            + "), not on "
                            + Thread.currentThread().getName());
        }
        backend.closeScope(this);
    }

    /** Marks this scope closed and frees its manager; the backend calls it in stack order. */
    void release() {
        closed = true;
        manager.close();
    }
}

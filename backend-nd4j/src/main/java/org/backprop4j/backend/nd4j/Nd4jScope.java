package org.backprop4j.backend.nd4j;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import org.backprop4j.tensor.Tensor;
import org.backprop4j.tensor.TensorScope;

/**
 * A {@link TensorScope} that frees the native buffers of the tensors created in it on this thread.
 *
 * <p>ND4J's buffers are otherwise released only when the garbage collector finds their small Java
 * handles, which can take many training steps while native memory grows; JavaCPP then forces full
 * collections. Freeing a step's temporaries at the end of the step keeps native memory flat.
 *
 * <p>Scopes are confined to the thread that opened them and nest as a stack: a tensor belongs to
 * the innermost open scope of the thread that created it, and {@link #keep} hands it to the
 * enclosing scope, or to no scope at all when this is the outermost.
 */
final class Nd4jScope implements TensorScope {
    private static final ThreadLocal<Deque<Nd4jScope>> OPEN =
            ThreadLocal.withInitial(ArrayDeque::new);

    private final Thread owner = Thread.currentThread();
    private final Set<Nd4jTensor> created = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean closed;

    private Nd4jScope() {}

    /** Opens a scope on the calling thread, nested in its innermost open scope, if any. */
    static Nd4jScope open() {
        Nd4jScope scope = new Nd4jScope();
        OPEN.get().push(scope);
        return scope;
    }

    /** Records a tensor just created on this thread in the innermost open scope, if any. */
    static void track(Nd4jTensor tensor) {
        Nd4jScope innermost = OPEN.get().peek();
        if (innermost != null) {
            innermost.created.add(tensor);
        }
    }

    @Override
    public <T extends Tensor> T keep(T tensor) {
        requireOpenOnOwner("keep");
        if (tensor instanceof Nd4jTensor && created.remove(tensor)) {
            Nd4jScope parent = enclosing(OPEN.get());
            if (parent != null) {
                parent.created.add((Nd4jTensor) tensor);
            }
        }
        return tensor;
    }

    /** The scope this one is nested in; the deque iterates innermost first. */
    private Nd4jScope enclosing(Deque<Nd4jScope> open) {
        boolean seen = false;
        for (Nd4jScope scope : open) {
            if (seen) {
                return scope;
            }
            seen = scope == this;
        }
        return null;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        requireOpenOnOwner("close");
        Deque<Nd4jScope> open = OPEN.get();
        if (open.peek() != this) {
            throw new IllegalStateException(
                    "TensorScope closed out of order: close the scopes opened inside it first");
        }
        open.pop();
        closed = true;
        created.forEach(Nd4jTensor::free);
        created.clear();
    }

    private void requireOpenOnOwner(String operation) {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException(
                    "TensorScope."
                            + operation
                            + " called on thread "
                            + Thread.currentThread().getName()
                            + " but the scope belongs to thread "
                            + owner.getName());
        }
        if (closed) {
            throw new IllegalStateException("TensorScope." + operation + " after close");
        }
    }
}

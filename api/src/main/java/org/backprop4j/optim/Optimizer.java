package org.backprop4j.optim;

import java.util.List;
import org.backprop4j.nn.Parameter;

/**
 * Updates parameters from their gradients.
 *
 * <p>A training step is: zero the gradients, forward, loss, backward, then {@link #step}. Step
 * reads each parameter's gradient, updates its value in place, and leaves the gradient as it was.
 * Optimizers that keep state (momentum, moment estimates) keep it per parameter, created on the
 * first step that sees the parameter; hand the same parameters every step. Call step outside any
 * {@link org.backprop4j.tensor.TensorScope}, as the trainer does: state created inside one would be
 * freed with the step's temporaries when it closes.
 *
 * <p>An optimizer that can be resumed exports its state with {@link #state()} and takes it back
 * with {@link #loadState}; the optimizers of this package all can.
 */
public interface Optimizer {

    /** Applies one update to each of {@code parameters}. */
    void step(List<Parameter> parameters);

    /**
     * A copy of everything the next step depends on besides the parameters' values.
     *
     * @throws UnsupportedOperationException by default, for optimizers that cannot be resumed
     */
    default OptimizerState state() {
        throw new UnsupportedOperationException(
                "state: optimizer "
                        + getClass().getName()
                        + " cannot export its state; implement state() and loadState() to make"
                        + " it resumable");
    }

    /**
     * Replaces this optimizer's state with a copy of {@code state}, so that its next step is the
     * one the saved optimizer would have taken. The state must come from an optimizer of the same
     * kind and hyper-parameters, and its tensors must have their parameter's shape, data type and
     * backend; otherwise nothing changes.
     *
     * @throws IllegalArgumentException listing every way in which {@code state} does not fit
     * @throws UnsupportedOperationException by default, for optimizers that cannot be resumed
     */
    default void loadState(OptimizerState state) {
        throw new UnsupportedOperationException(
                "loadState: optimizer "
                        + getClass().getName()
                        + " cannot take back a saved state; implement state() and loadState() to"
                        + " make it resumable");
    }
}

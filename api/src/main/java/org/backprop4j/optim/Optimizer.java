package org.backprop4j.optim;

import java.util.List;
import org.backprop4j.nn.Parameter;

/**
 * Updates parameters from their gradients.
 *
 * <p>A training step is: zero the gradients, forward, loss, backward, then {@link #step}. Step
 * reads each parameter's gradient, updates its value in place, and leaves the gradient as it was.
 * Optimizers that keep state (momentum, moment estimates) keep it per parameter, created on the
 * first step that sees the parameter; hand the same parameters every step.
 */
public interface Optimizer {

    /** Applies one update to each of {@code parameters}. */
    void step(List<Parameter> parameters);
}

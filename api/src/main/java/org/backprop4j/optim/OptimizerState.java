package org.backprop4j.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.backprop4j.nn.Parameter;
import org.backprop4j.tensor.Tensor;

/**
 * A snapshot of an optimizer's state: what it needs, besides the parameters' values, to take its
 * next step exactly as it would have without an interruption.
 *
 * <p>{@link Optimizer#state()} returns one holding copies of its tensors, which later steps leave
 * alone; {@link Optimizer#loadState} copies them in. The per-parameter tensors live on their
 * parameter's backend, so a snapshot moves between backends only through its values, as model files
 * do.
 *
 * @param kind the optimizer's name, such as {@code adam}
 * @param hyperParameters each hyper-parameter's name and value as text; a schedule appears as its
 *     {@code toString()}
 * @param steps the number of steps the optimizer has taken, which its schedule is indexed by
 * @param parameters the state of each parameter it has seen, in the order it first saw them
 */
public record OptimizerState(
        String kind,
        Map<String, String> hyperParameters,
        long steps,
        Map<Parameter, ParameterState> parameters) {

    /**
     * @throws IllegalArgumentException if the step count is negative
     */
    public OptimizerState {
        Objects.requireNonNull(kind, "kind");
        hyperParameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperParameters));
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        if (steps < 0) {
            throw new IllegalArgumentException(
                    "OptimizerState: the step count must not be negative, got " + steps);
        }
    }

    /**
     * The state an optimizer keeps for one parameter.
     *
     * @param steps how many steps have updated the parameter; Adam's bias correction counts them
     * @param slots each state tensor by name (such as {@code m} and {@code v} for Adam), with the
     *     parameter's shape, data type and backend
     */
    public record ParameterState(long steps, Map<String, Tensor> slots) {

        /**
         * @throws IllegalArgumentException if the step count is negative
         */
        public ParameterState {
            slots = Collections.unmodifiableMap(new LinkedHashMap<>(slots));
            if (steps < 0) {
                throw new IllegalArgumentException(
                        "ParameterState: the step count must not be negative, got " + steps);
            }
        }
    }
}

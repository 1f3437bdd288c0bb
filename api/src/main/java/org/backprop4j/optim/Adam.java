package org.backprop4j.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backprop4j.nn.Parameter;

/**
 * Adam (Kingma &amp; Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015, Algorithm 1).
 * With {@code g} the gradient, {@code eta} the scheduled learning rate and {@code t} the number of
 * steps that have updated the parameter, this one included:
 *
 * <pre>
 * m = beta1 * m + (1 - beta1) * g
 * v = beta2 * v + (1 - beta2) * g^2
 * theta -= eta * (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + epsilon)
 * </pre>
 *
 * <p>State: per parameter, the first and second moment estimates {@code m} and {@code v}, and the
 * step count {@code t}; all three are created, zero, on the first step that sees the parameter,
 * which is then that parameter's {@code t = 1}. Not thread-safe.
 */
public final class Adam implements Optimizer {
    /** The paper's default {@code beta1}, {@value}. */
    public static final double DEFAULT_BETA1 = 0.9;

    /** The paper's default {@code beta2}, {@value}. */
    public static final double DEFAULT_BETA2 = 0.999;

    /** The paper's default {@code epsilon}, {@value}. */
    public static final double DEFAULT_EPSILON = 1e-8;

    static final List<String> SLOTS = List.of("m", "v");

    private final LearningRateSchedule schedule;
    private final AdamUpdate update;
    private final ParameterStates states;

    /**
     * Adam at a constant rate with the paper's defaults for the other hyper-parameters.
     *
     * @throws IllegalArgumentException if the rate is not a positive finite number
     */
    public Adam(double learningRate) {
        this(
                LearningRateSchedule.constant(learningRate),
                DEFAULT_BETA1,
                DEFAULT_BETA2,
                DEFAULT_EPSILON);
    }

    /**
     * Adam with every hyper-parameter given.
     *
     * @throws IllegalArgumentException if the schedule is null, a beta is not in [0, 1), or epsilon
     *     is not positive and finite
     */
    public Adam(LearningRateSchedule schedule, double beta1, double beta2, double epsilon) {
        if (schedule == null) {
            throw new IllegalArgumentException("adam: the learning rate schedule is null");
        }
        this.schedule = schedule;
        this.update = new AdamUpdate("adam", beta1, beta2, epsilon);
        this.states = new ParameterStates("adam", SLOTS);
    }

    @Override
    public void step(List<Parameter> parameters) {
        double rate = states.rate(schedule);
        for (Parameter parameter : parameters) {
            update.applyInPlace(parameter, states.enter(parameter), rate);
        }
        states.finishStep();
    }

    @Override
    public OptimizerState state() {
        return states.export(hyperParameters());
    }

    @Override
    public void loadState(OptimizerState state) {
        states.load(state, hyperParameters());
    }

    private Map<String, String> hyperParameters() {
        return hyperParameters(schedule, update);
    }

    static Map<String, String> hyperParameters(LearningRateSchedule schedule, AdamUpdate update) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("schedule", schedule.toString());
        values.put("beta1", Double.toString(update.beta1()));
        values.put("beta2", Double.toString(update.beta2()));
        values.put("epsilon", Double.toString(update.epsilon()));
        return values;
    }

    @Override
    public String toString() {
        return "Adam" + hyperParameters();
    }
}

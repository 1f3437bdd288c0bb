package org.backprop4j.optim;

import java.util.List;
import java.util.Map;
import org.backprop4j.nn.Parameter;

/**
 * Adam with decoupled weight decay (Loshchilov &amp; Hutter, "Decoupled Weight Decay
 * Regularization", ICLR 2019, Algorithm 2). The decay shrinks the parameter directly instead of
 * being added to the gradient, so it does not pass through Adam's per-coordinate scaling. With
 * {@code lambda} the weight decay and the rest as in {@link Adam}:
 *
 * <pre>
 * theta -= eta * lambda * theta            (with theta before this step)
 * theta -= eta * (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + epsilon)
 * </pre>
 *
 * <p>The paper multiplies its step {@code alpha} and its decay {@code lambda} by a schedule
 * multiplier {@code eta_t}; here the scheduled rate {@code eta = eta_t * alpha} multiplies both, so
 * this {@code lambda} is the paper's divided by {@code alpha} (PyTorch's convention).
 *
 * <p>State: as {@link Adam}'s. Not thread-safe.
 */
public final class AdamW implements Optimizer {
    private final LearningRateSchedule schedule;
    private final AdamUpdate update;
    private final double weightDecay;
    private final ParameterStates states;

    /**
     * AdamW at a constant rate with Adam's defaults for the moments.
     *
     * @throws IllegalArgumentException if the rate is not a positive finite number or the weight
     *     decay is negative or not finite
     */
    public AdamW(double learningRate, double weightDecay) {
        this(
                LearningRateSchedule.constant(learningRate),
                Adam.DEFAULT_BETA1,
                Adam.DEFAULT_BETA2,
                Adam.DEFAULT_EPSILON,
                weightDecay);
    }

    /**
     * AdamW with every hyper-parameter given.
     *
     * @throws IllegalArgumentException if the schedule is null, a beta is not in [0, 1), epsilon is
     *     not positive and finite, or the weight decay is negative or not finite
     */
    public AdamW(
            LearningRateSchedule schedule,
            double beta1,
            double beta2,
            double epsilon,
            double weightDecay) {
        if (schedule == null) {
            throw new IllegalArgumentException("adamw: the learning rate schedule is null");
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException(
                    "adamw: the weight decay must be finite and not negative, got "
                            + weightDecay
                            + "; 0.01 is usual");
        }
        this.schedule = schedule;
        this.update = new AdamUpdate("adamw", beta1, beta2, epsilon);
        this.weightDecay = weightDecay;
        this.states = new ParameterStates("adamw", Adam.SLOTS);
    }

    @Override
    public void step(List<Parameter> parameters) {
        double rate = states.rate(schedule);
        for (Parameter parameter : parameters) {
            ParameterStates.Slots state = states.enter(parameter);
            parameter.backend().scaleInPlace(parameter.value(), 1 - rate * weightDecay);
            update.applyInPlace(parameter, state, rate);
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
        Map<String, String> values = Adam.hyperParameters(schedule, update);
        values.put("weightDecay", Double.toString(weightDecay));
        return values;
    }

    @Override
    public String toString() {
        return "AdamW" + hyperParameters();
    }
}

package org.backprop4j.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backprop4j.nn.Parameter;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.Tensor;

/**
 * Stochastic gradient descent, plain or with momentum, updating each parameter in place. With
 * {@code g} the gradient, {@code eta} the scheduled learning rate and {@code mu} the momentum:
 *
 * <ul>
 *   <li>plain ({@code sgd}): {@code theta -= eta * g};
 *   <li>momentum ({@code momentum}), Polyak's heavy ball (B. T. Polyak, "Some methods of speeding
 *       up the convergence of iteration methods", USSR Computational Mathematics and Mathematical
 *       Physics 4(5), 1964): {@code v = mu * v + g; theta -= eta * v};
 *   <li>Nesterov momentum ({@code nesterov}), the form of Sutskever, Martens, Dahl and Hinton, "On
 *       the importance of initialization and momentum in deep learning", ICML 2013, eq. 3-4,
 *       written for the look-ahead point so that the gradient is the one taken at the stored
 *       parameters: {@code v = mu * v + g; theta -= eta * (g + mu * v)}.
 * </ul>
 *
 * <p>The velocity {@code v} is kept in gradient units and multiplied by the rate when applied, so
 * with a constant rate it equals the papers' velocity divided by {@code -eta}, and a schedule
 * changes the size of the next step without rescaling the past.
 *
 * <p>State: one velocity tensor ({@code velocity}) per parameter with momentum, none without,
 * created zero on the first step that sees the parameter; with it, every step moves {@code theta}
 * by {@code eta * g} on a parameter's first step. Not thread-safe.
 */
public final class SGD implements Optimizer {
    private static final List<String> VELOCITY = List.of("velocity");

    private enum Variant {
        PLAIN("sgd"),
        MOMENTUM("momentum"),
        NESTEROV("nesterov");

        private final String kind;

        Variant(String kind) {
            this.kind = kind;
        }
    }

    private final Variant variant;
    private final LearningRateSchedule schedule;
    private final double momentum;
    private final ParameterStates states;

    /**
     * Plain SGD at a constant rate.
     *
     * @throws IllegalArgumentException if the rate is not a positive finite number
     */
    public SGD(double learningRate) {
        this(LearningRateSchedule.constant(learningRate));
    }

    /** Plain SGD with the rate of each step taken from {@code schedule}. */
    public SGD(LearningRateSchedule schedule) {
        this(Variant.PLAIN, schedule, 0);
    }

    private SGD(Variant variant, LearningRateSchedule schedule, double momentum) {
        if (schedule == null) {
            throw new IllegalArgumentException(
                    variant.kind + ": the learning rate schedule is null");
        }
        if (variant != Variant.PLAIN && !(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException(
                    variant.kind
                            + ": the momentum must be in [0, 1), got "
                            + momentum
                            + "; 0.9 is usual");
        }
        this.variant = variant;
        this.schedule = schedule;
        this.momentum = momentum;
        this.states =
                new ParameterStates(variant.kind, variant == Variant.PLAIN ? List.of() : VELOCITY);
    }

    /**
     * SGD with Polyak's heavy-ball momentum.
     *
     * @throws IllegalArgumentException if the schedule is null or the momentum is not in [0, 1)
     */
    public static SGD momentum(LearningRateSchedule schedule, double momentum) {
        return new SGD(Variant.MOMENTUM, schedule, momentum);
    }

    /** {@link #momentum(LearningRateSchedule, double)} at a constant rate. */
    public static SGD momentum(double learningRate, double momentum) {
        return momentum(LearningRateSchedule.constant(learningRate), momentum);
    }

    /**
     * SGD with Nesterov momentum.
     *
     * @throws IllegalArgumentException if the schedule is null or the momentum is not in [0, 1)
     */
    public static SGD nesterov(LearningRateSchedule schedule, double momentum) {
        return new SGD(Variant.NESTEROV, schedule, momentum);
    }

    /** {@link #nesterov(LearningRateSchedule, double)} at a constant rate. */
    public static SGD nesterov(double learningRate, double momentum) {
        return nesterov(LearningRateSchedule.constant(learningRate), momentum);
    }

    /** The rate the next step will use. */
    public double learningRate() {
        return states.rate(schedule);
    }

    /** The momentum {@code mu}; 0 for plain SGD. */
    public double momentum() {
        return momentum;
    }

    @Override
    public void step(List<Parameter> parameters) {
        double rate = states.rate(schedule);
        for (Parameter parameter : parameters) {
            ParameterStates.Slots state = states.enter(parameter);
            Backend backend = parameter.backend();
            Tensor value = parameter.value();
            Tensor gradient = parameter.gradient();
            if (variant == Variant.PLAIN) {
                backend.addScaledInPlace(value, -rate, gradient);
                continue;
            }

            Tensor velocity = state.get(0);
            backend.scaleInPlace(velocity, momentum);
            backend.addScaledInPlace(velocity, 1, gradient);
            if (variant == Variant.MOMENTUM) {
                backend.addScaledInPlace(value, -rate, velocity);
            } else {
                backend.addScaledInPlace(value, -rate, gradient);
                backend.addScaledInPlace(value, -rate * momentum, velocity);
            }
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
        Map<String, String> values = new LinkedHashMap<>();
        values.put("schedule", schedule.toString());
        if (variant != Variant.PLAIN) {
            values.put("momentum", Double.toString(momentum));
        }
        return values;
    }

    @Override
    public String toString() {
        return variant == Variant.PLAIN
                ? "SGD(" + schedule + ")"
                : "SGD(" + variant.kind + "=" + momentum + ", " + schedule + ")";
    }
}

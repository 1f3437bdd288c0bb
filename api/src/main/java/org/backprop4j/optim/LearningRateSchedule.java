package org.backprop4j.optim;

/**
 * The learning rate of each step: a function of the number of steps already taken.
 *
 * <p>An optimizer asks for {@code rate(t)} on its step {@code t}, counting from 0: the first step
 * uses {@code rate(0)}, and a resumed optimizer continues from its restored step count. A schedule
 * is stateless, so one instance may serve many optimizers.
 *
 * <p>{@link #toString()} describes the schedule and is saved with an optimizer's state; a resumed
 * optimizer must describe its schedule the same way (see {@link Optimizer#loadState}). The
 * schedules made here describe themselves by their formula and constants; a custom one should
 * override {@code toString} with a description that is stable from run to run.
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /**
     * The learning rate for step {@code step} (0 for the first): finite and not negative.
     *
     * @throws IllegalArgumentException if {@code step} is negative
     */
    double rate(long step);

    /**
     * The same {@code rate} on every step.
     *
     * @throws IllegalArgumentException if the rate is not positive and finite
     */
    static LearningRateSchedule constant(double rate) {
        return new Schedules.Constant(Schedules.requireRate("constant", "the learning rate", rate));
    }

    /**
     * Step decay: {@code rate * gamma^floor(t / stepSize)}, the rate multiplied by {@code gamma}
     * after every {@code stepSize} steps.
     *
     * @throws IllegalArgumentException if the rate is not positive and finite, {@code stepSize} is
     *     not positive, or {@code gamma} is not in (0, 1]
     */
    static LearningRateSchedule stepDecay(double rate, long stepSize, double gamma) {
        Schedules.requireRate("stepDecay", "the learning rate", rate);
        Schedules.requirePositive("stepDecay", "stepSize", stepSize);
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("stepDecay: gamma must be in (0, 1], got " + gamma);
        }
        return new Schedules.StepDecay(rate, stepSize, gamma);
    }

    /**
     * Cosine annealing from {@code rate} to {@code minRate} over {@code steps} steps, without
     * restarts (Loshchilov &amp; Hutter, "SGDR: Stochastic Gradient Descent with Warm Restarts",
     * ICLR 2017, eq. 5): {@code minRate + (rate - minRate) * (1 + cos(pi * t / steps)) / 2} for
     * {@code t < steps}, then {@code minRate}.
     *
     * @throws IllegalArgumentException if the rate is not positive and finite, {@code minRate} is
     *     negative or above {@code rate}, or {@code steps} is not positive
     */
    static LearningRateSchedule cosine(double rate, double minRate, long steps) {
        Schedules.requireRate("cosine", "the learning rate", rate);
        if (!(minRate >= 0 && minRate <= rate)) {
            throw new IllegalArgumentException(
                    "cosine: minRate must be in [0, rate] = [0, " + rate + "], got " + minRate);
        }
        Schedules.requirePositive("cosine", "steps", steps);
        return new Schedules.Cosine(rate, minRate, steps);
    }

    /**
     * Linear warm-up into {@code then} (Goyal et al., "Accurate, Large Minibatch SGD: Training
     * ImageNet in 1 Hour", 2017, section 2.2): {@code then.rate(0) * (t + 1) / steps} for {@code t
     * < steps}, then {@code then.rate(t - steps)}. The rate climbs in equal steps to the rate
     * {@code then} starts from, and {@code then} begins once the warm-up is over, so a decay is not
     * cut short by it.
     *
     * @throws IllegalArgumentException if {@code steps} is not positive
     */
    static LearningRateSchedule warmup(long steps, LearningRateSchedule then) {
        Schedules.requirePositive("warmup", "steps", steps);
        if (then == null) {
            throw new IllegalArgumentException("warmup: the schedule to warm up into is null");
        }
        return new Schedules.Warmup(steps, then);
    }
}

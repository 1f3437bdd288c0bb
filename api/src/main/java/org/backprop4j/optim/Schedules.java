package org.backprop4j.optim;

/** The schedules of {@link LearningRateSchedule}'s factories, and their argument checks. */
final class Schedules {

    private Schedules() {}

    static double requireRate(String schedule, String name, double rate) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException(
                    schedule + ": " + name + " must be positive and finite, got " + rate);
        }
        return rate;
    }

    static void requirePositive(String schedule, String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(
                    schedule + ": " + name + " must be positive, got " + value);
        }
    }

    static void requireStep(String schedule, long step) {
        if (step < 0) {
            throw new IllegalArgumentException(
                    schedule + ": the step number must not be negative, got " + step);
        }
    }

    record Constant(double rate) implements LearningRateSchedule {
        @Override
        public double rate(long step) {
            requireStep("constant", step);
            return rate;
        }

        @Override
        public String toString() {
            return "constant(" + rate + ")";
        }
    }

    record StepDecay(double rate, long stepSize, double gamma) implements LearningRateSchedule {
        @Override
        public double rate(long step) {
            requireStep("stepDecay", step);
            return rate * Math.pow(gamma, step / stepSize);
        }

        @Override
        public String toString() {
            return "stepDecay(rate=" + rate + ", stepSize=" + stepSize + ", gamma=" + gamma + ")";
        }
    }

    record Cosine(double rate, double minRate, long steps) implements LearningRateSchedule {
        @Override
        public double rate(long step) {
            requireStep("cosine", step);
            if (step >= steps) {
                return minRate;
            }
            double progress = (double) step / steps;
            return minRate + (rate - minRate) * (1 + Math.cos(Math.PI * progress)) / 2;
        }

        @Override
        public String toString() {
            return "cosine(rate=" + rate + ", minRate=" + minRate + ", steps=" + steps + ")";
        }
    }

    record Warmup(long steps, LearningRateSchedule then) implements LearningRateSchedule {
        @Override
        public double rate(long step) {
            requireStep("warmup", step);
            if (step < steps) {
                return then.rate(0) * (step + 1) / steps;
            }
            return then.rate(step - steps);
        }

        @Override
        public String toString() {
            return "warmup(steps=" + steps + ", then=" + then + ")";
        }
    }
}

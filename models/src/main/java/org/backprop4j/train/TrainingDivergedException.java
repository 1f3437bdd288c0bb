package org.backprop4j.train;

/**
 * The loss became NaN or infinite, so training stopped rather than carry on with garbage. The usual
 * cause is a learning rate too large for the task.
 */
public class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final int step;
    private final double loss;

    public TrainingDivergedException(int epoch, int step, double loss, String optimizer) {
        super(
                "The loss became "
                        + loss
                        + " at epoch "
                        + epoch
                        + ", step "
                        + step
                        + ", so training stopped. The step size of "
                        + optimizer
                        + " is likely too large: try a smaller learning rate.");
        this.epoch = epoch;
        this.step = step;
        this.loss = loss;
    }

    public int epoch() {
        return epoch;
    }

    public int step() {
        return step;
    }

    public double loss() {
        return loss;
    }
}

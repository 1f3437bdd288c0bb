package org.backprop4j.train;

import java.util.List;

/**
 * Every epoch's result and every step's loss, in order.
 *
 * @param epochs one result per epoch run
 * @param stepLosses the batch loss of every step, across epochs
 */
public record TrainingHistory(List<EpochResult> epochs, double[] stepLosses) {
    public TrainingHistory {
        epochs = List.copyOf(epochs);
        stepLosses = stepLosses.clone();
    }

    /** The last epoch's result. */
    public EpochResult last() {
        return epochs.get(epochs.size() - 1);
    }

    @Override
    public double[] stepLosses() {
        return stepLosses.clone();
    }
}

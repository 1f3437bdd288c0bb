package org.backprop4j.train;

/**
 * Hears a {@link Trainer}'s progress, on the training thread; how progress reaches a console or a
 * log, since the library itself prints nothing. Every method does nothing by default.
 */
public interface TrainingListener {

    /** Epoch {@code epoch} (from 1) begins; it will take {@code steps} steps. */
    default void onEpochStart(int epoch, int steps) {}

    /** Step {@code step} (from 1) of {@code epoch} ended with this batch loss. */
    default void onStep(int epoch, int step, double loss) {}

    /** An epoch ended, with its metrics evaluated. */
    default void onEpochEnd(EpochResult result) {}
}

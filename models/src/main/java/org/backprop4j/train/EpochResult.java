package org.backprop4j.train;

import java.util.Map;

/**
 * What one epoch did.
 *
 * @param epoch from 1
 * @param meanLoss the mean of the batch losses, weighted by batch size
 * @param seconds wall time of the training steps, without evaluation
 * @param metrics the trainer's metrics evaluated after the epoch, in the order they were added
 */
public record EpochResult(int epoch, double meanLoss, double seconds, Map<String, Double> metrics) {
    public EpochResult {
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
    }
}

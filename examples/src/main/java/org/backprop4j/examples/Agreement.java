package org.backprop4j.examples;

import java.util.LinkedHashMap;
import java.util.Map;
import org.backprop4j.nn.Layer;
import org.backprop4j.nn.Parameter;
import org.backprop4j.train.TrainingHistory;

/**
 * What a training run ended with, kept to measure how far another run of the same model, seed and
 * batches lies from it: the yardstick of the agreement tests and of the {@code compare} command.
 *
 * @param stepLosses the batch loss of every step
 * @param parameters every parameter's values after the last step, by name
 */
record Agreement(double[] stepLosses, Map<String, double[]> parameters) {

    /** The step losses of {@code history} and the current parameters of {@code model}. */
    static Agreement of(TrainingHistory history, Layer model) {
        Map<String, double[]> values = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> entry : model.namedParameters().entrySet()) {
            values.put(entry.getKey(), entry.getValue().value().toDoubleArray());
        }
        return new Agreement(history.stepLosses(), values);
    }

    /**
     * The largest relative difference of a step loss from the reference's.
     *
     * @throws IllegalArgumentException if the runs took different numbers of steps
     */
    double lossDifference(Agreement reference) {
        if (stepLosses.length != reference.stepLosses.length) {
            throw new IllegalArgumentException(
                    "cannot compare a run of "
                            + stepLosses.length
                            + " steps with one of "
                            + reference.stepLosses.length
                            + "; train both with the same epochs, batch size and data");
        }
        double worst = 0;
        for (int i = 0; i < stepLosses.length; i++) {
            double scale = Math.max(Math.abs(reference.stepLosses[i]), 1e-300);
            worst = Math.max(worst, Math.abs(stepLosses[i] - reference.stepLosses[i]) / scale);
        }
        return worst;
    }

    /**
     * The largest difference of a parameter entry from the reference's, relative to the largest
     * magnitude in that parameter (so entries near zero do not inflate it).
     *
     * @throws IllegalArgumentException if the models do not have the same parameters
     */
    double parameterDifference(Agreement reference) {
        double worst = 0;
        for (Map.Entry<String, double[]> entry : parameters.entrySet()) {
            double[] ours = entry.getValue();
            double[] theirs = reference.parameters.get(entry.getKey());
            if (theirs == null || theirs.length != ours.length) {
                throw new IllegalArgumentException(
                        "parameter '"
                                + entry.getKey()
                                + "' has no counterpart of "
                                + ours.length
                                + " values in the reference run; compare runs of the same model");
            }
            double scale = 1e-300;
            for (double value : theirs) {
                scale = Math.max(scale, Math.abs(value));
            }
            for (int i = 0; i < ours.length; i++) {
                worst = Math.max(worst, Math.abs(ours[i] - theirs[i]) / scale);
            }
        }
        return worst;
    }
}

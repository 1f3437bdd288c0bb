package org.backprop4j.examples;

import java.util.Map;
import org.backprop4j.data.Dataset;
import org.backprop4j.loss.Loss;
import org.backprop4j.nn.Layer;
import org.backprop4j.nn.Parameter;
import org.backprop4j.optim.SGD;
import org.backprop4j.train.Trainer;

/**
 * Trains one model for a fixed number of steps and measures how far its losses and parameters lie
 * from another run's: the yardstick of the agreement tests.
 *
 * @param stepLosses the batch loss of every step
 * @param parameters every parameter's values after the last step, by name
 */
record Agreement(double[] stepLosses, Map<String, double[]> parameters) {

    /** Trains {@code model} for one pass over {@code data} in batches, seeded, with SGD. */
    static <Y> Agreement train(
            Layer model, Loss<Y> loss, Dataset<Y> data, int batchSize, double learningRate) {
        double[] losses =
                Trainer.builder(model, loss, new SGD(learningRate))
                        .epochs(1)
                        .batchSize(batchSize)
                        .seed(11)
                        .build()
                        .fit(data)
                        .stepLosses();
        Map<String, double[]> values = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Parameter> entry : model.namedParameters().entrySet()) {
            values.put(entry.getKey(), entry.getValue().value().toDoubleArray());
        }
        return new Agreement(losses, values);
    }

    /** The largest relative difference of a step loss from the reference's. */
    double lossDifference(Agreement reference) {
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
     */
    double parameterDifference(Agreement reference) {
        double worst = 0;
        for (Map.Entry<String, double[]> entry : parameters.entrySet()) {
            double[] ours = entry.getValue();
            double[] theirs = reference.parameters.get(entry.getKey());
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

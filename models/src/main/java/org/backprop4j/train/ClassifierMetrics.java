package org.backprop4j.train;

import java.util.Arrays;
import org.backprop4j.data.Batch;
import org.backprop4j.data.Dataset;
import org.backprop4j.nn.Layer;
import org.backprop4j.tensor.Tensor;
import org.backprop4j.tensor.TensorScope;

/**
 * Predictions of a classifier whose outputs are class scores, and their accuracy and confusion,
 * computed in batches with nothing recorded, so the model may serve other threads meanwhile.
 */
public final class ClassifierMetrics {
    private static final int EVALUATION_BATCH = 1000;

    private final int[] labels;
    private final int[] predicted;

    private ClassifierMetrics(int[] labels, int[] predicted) {
        this.labels = labels;
        this.predicted = predicted;
    }

    /** Classifies every sample of {@code data} with {@code model}. */
    public static ClassifierMetrics evaluate(Layer model, Dataset<int[]> data) {
        Tensor probe = model.parameters().get(0).value();
        int[] labels = new int[data.size()];
        int[] predicted = new int[data.size()];
        for (int from = 0; from < data.size(); from += EVALUATION_BATCH) {
            int[] indices = new int[Math.min(EVALUATION_BATCH, data.size() - from)];
            int start = from;
            Arrays.setAll(indices, i -> start + i);
            try (TensorScope scope = probe.backend().openScope()) {
                Batch<int[]> batch = data.batch(indices, probe.backend(), probe.dtype());
                Tensor scores = model.predict(batch.inputs());
                System.arraycopy(batch.targets(), 0, labels, from, indices.length);
                System.arraycopy(
                        scores.backend().argmaxRows(scores), 0, predicted, from, indices.length);
            }
        }
        return new ClassifierMetrics(labels, predicted);
    }

    /** The fraction of samples of {@code data} that {@code model} classifies right. */
    public static double accuracy(Layer model, Dataset<int[]> data) {
        return evaluate(model, data).accuracy();
    }

    /** The true class of every sample, in order. */
    public int[] labels() {
        return labels.clone();
    }

    /** The predicted class of every sample, in order: the argmax of its output row. */
    public int[] predicted() {
        return predicted.clone();
    }

    /** The fraction of samples whose predicted class is their label, in [0, 1]. */
    public double accuracy() {
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += predicted[i] == labels[i] ? 1 : 0;
        }
        return (double) correct / labels.length;
    }

    /** Counts indexed {@code [true class][predicted class]}. */
    public int[][] confusionMatrix(int classes) {
        int[][] counts = new int[classes][classes];
        for (int i = 0; i < labels.length; i++) {
            counts[labels[i]][predicted[i]]++;
        }
        return counts;
    }
}

package org.backprop4j.examples;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One run of the {@code compare} command: a task trained on one backend in one data type. Measures
 * a run does not have (a test accuracy for sin, a heap for numpy, a difference without a naive run)
 * are NaN, and written as empty cells.
 *
 * @param task {@code sin} or {@code mnist}
 * @param backend the backend's name, or {@code numpy}
 * @param dtype {@code float64} or {@code float32}
 * @param threads the threads the backend computes on, as it reports them; empty if unknown
 * @param secondsPerEpoch the median wall time of an epoch's training steps, the first epoch left
 *     out when there are more (it pays for warming up)
 * @param samplesPerSecond training samples per second at that time per epoch
 * @param peakHeapBytes the heap peak, see {@link HeapPeak}
 * @param finalLoss the last epoch's mean batch loss
 * @param testAccuracy the test set accuracy after training
 * @param parameterDifference the largest difference of a final parameter from the naive run's of
 *     the same data type, see {@link Agreement#parameterDifference}
 * @param lossDifference the largest relative difference of a step loss from the naive run's
 */
record ComparisonRow(
        String task,
        String backend,
        String dtype,
        String threads,
        double secondsPerEpoch,
        double samplesPerSecond,
        double peakHeapBytes,
        double finalLoss,
        double testAccuracy,
        double parameterDifference,
        double lossDifference) {

    /** The column names, for Markdown and CSV alike. */
    static final List<String> HEADER =
            List.of(
                    "task",
                    "backend",
                    "dtype",
                    "threads",
                    "ms/epoch",
                    "samples/s",
                    "peak heap MiB",
                    "final loss",
                    "test accuracy",
                    "max param diff",
                    "max loss diff");

    /**
     * The median of the epoch times after the first, or the only one.
     *
     * @throws IllegalArgumentException if there are none
     */
    static double secondsPerEpoch(double[] epochSeconds) {
        if (epochSeconds.length == 0) {
            throw new IllegalArgumentException("a run without epochs has no time per epoch");
        }
        double[] timed =
                epochSeconds.length == 1
                        ? epochSeconds.clone()
                        : Arrays.copyOfRange(epochSeconds, 1, epochSeconds.length);
        Arrays.sort(timed);
        int middle = timed.length / 2;
        return timed.length % 2 == 1 ? timed[middle] : (timed[middle - 1] + timed[middle]) / 2;
    }

    /** The row's cells as text, in {@link #HEADER}'s order. */
    List<String> cells() {
        return List.of(
                task,
                backend,
                dtype,
                threads,
                format("%.4g", 1000 * secondsPerEpoch),
                format("%.0f", samplesPerSecond),
                format("%.0f", peakHeapBytes / (1 << 20)),
                format("%.6f", finalLoss),
                format("%.4f", testAccuracy),
                format("%.2e", parameterDifference),
                format("%.2e", lossDifference));
    }

    private static String format(String pattern, double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, pattern, value);
    }
}

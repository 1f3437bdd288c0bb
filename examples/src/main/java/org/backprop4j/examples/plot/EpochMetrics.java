package org.backprop4j.examples.plot;

import java.util.List;

/**
 * One epoch of a classifier's training run, as plotted by {@link TrainingCurvesPlot} and tabulated
 * by {@link #table(List)}.
 *
 * @param epoch the epoch's number, from 1
 * @param loss the mean training loss over the epoch
 * @param trainAccuracy the fraction of training samples classified right after the epoch, in [0, 1]
 * @param testAccuracy the fraction of test samples classified right after the epoch, in [0, 1]
 * @param seconds the epoch's wall time
 */
public record EpochMetrics(
        int epoch, double loss, double trainAccuracy, double testAccuracy, double seconds) {

    /** The column names of {@link #table(List)}, in order. */
    public static final List<String> CSV_HEADER =
            List.of("epoch", "loss", "train_accuracy", "test_accuracy", "seconds");

    /** This epoch's values in the order of {@link #CSV_HEADER}. */
    public List<Object> csvRow() {
        return List.of(epoch, loss, trainAccuracy, testAccuracy, seconds);
    }

    /** A table of {@code history} with one row per epoch under {@link #CSV_HEADER}. */
    public static CsvTable table(List<EpochMetrics> history) {
        CsvTable table = new CsvTable(CSV_HEADER);
        for (EpochMetrics epoch : history) {
            table.addRow(epoch.csvRow());
        }
        return table;
    }
}

package org.backprop4j.examples.plot;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

/**
 * A classifier's training run: on the left the training loss per epoch, on the right the train and
 * test accuracy per epoch in percent.
 *
 * <p>The image is {@link #WIDTH} x {@link #HEIGHT} pixels. Stateless and thread-safe.
 */
public final class TrainingCurvesPlot {
    /** Width of the written image in pixels: two panels side by side. */
    public static final int WIDTH = 2 * XyCharts.PANEL_WIDTH;

    /** Height of the written image in pixels. */
    public static final int HEIGHT = XyCharts.PANEL_HEIGHT;

    private static final Color LOSS_COLOR = new Color(40, 40, 40);
    private static final Color TRAIN_COLOR = new Color(70, 110, 180);
    private static final Color TEST_COLOR = new Color(220, 90, 30);

    private TrainingCurvesPlot() {}

    /**
     * Writes the plot as a PNG, with the epochs on the x axis as numbered in {@code history}.
     *
     * <p>The loss axis is logarithmic when the losses are above zero and span two powers of ten, so
     * that both carry a label; linear otherwise.
     *
     * @param file the PNG to write; its parent directories are created and an existing file is
     *     replaced
     * @param history the epochs in the order they ran, at least one
     * @throws IllegalArgumentException if {@code history} is empty, a value is not finite, or an
     *     accuracy lies outside [0, 1]
     * @throws IOException if the file cannot be written
     */
    public static void write(Path file, List<EpochMetrics> history) throws IOException {
        if (history.isEmpty()) {
            throw new IllegalArgumentException("history is empty; give at least one epoch");
        }
        int n = history.size();
        double[] epochs = new double[n];
        double[] loss = new double[n];
        double[] trainPercent = new double[n];
        double[] testPercent = new double[n];
        for (int i = 0; i < n; i++) {
            EpochMetrics epoch = history.get(i);
            epochs[i] = epoch.epoch();
            loss[i] = epoch.loss();
            trainPercent[i] = 100 * requireFraction("trainAccuracy", epoch, epoch.trainAccuracy());
            testPercent[i] = 100 * requireFraction("testAccuracy", epoch, epoch.testAccuracy());
        }
        Values.requireFinite("loss", loss);
        PngFile.useHeadlessUnlessSet();

        XYChart lossChart = XyCharts.create("training loss", "epoch", "mean loss");
        XyCharts.useRoundXTicks(lossChart, epochs, loss);
        XyCharts.addLine(lossChart, "loss", epochs, loss, LOSS_COLOR);
        XyCharts.useLogScaleIfWide(lossChart, loss);
        lossChart.getStyler().setLegendVisible(false);

        XYChart accuracy = XyCharts.create("accuracy", "epoch", "accuracy (%)");
        XyCharts.useRoundXTicks(accuracy, epochs, trainPercent);
        XyCharts.addLine(accuracy, "train", epochs, trainPercent, TRAIN_COLOR);
        XyCharts.addLine(accuracy, "test", epochs, testPercent, TEST_COLOR);
        accuracy.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);

        PngFile.write(
                PngFile.sideBySide(PngFile.render(lossChart), PngFile.render(accuracy)), file);
    }

    private static double requireFraction(String name, EpochMetrics epoch, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(
                    name
                            + " of epoch "
                            + epoch.epoch()
                            + " is "
                            + value
                            + "; give accuracies as fractions in [0, 1]");
        }
        return value;
    }
}

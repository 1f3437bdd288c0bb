package org.backprop4j.examples.plot;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The sin regression at a glance: on the left the training points and the network's prediction
 * curve, on the right the training loss per epoch.
 *
 * <p>The image is {@link #WIDTH} x {@link #HEIGHT} pixels. Stateless and thread-safe.
 */
public final class SinFitPlot {
    /** Width of the written image in pixels: two panels side by side. */
    public static final int WIDTH = 2 * XyCharts.PANEL_WIDTH;

    /** Height of the written image in pixels. */
    public static final int HEIGHT = XyCharts.PANEL_HEIGHT;

    private static final Color SAMPLE_COLOR = new Color(70, 110, 180);
    private static final Color PREDICTION_COLOR = new Color(220, 90, 30);
    private static final Color LOSS_COLOR = new Color(40, 40, 40);

    private SinFitPlot() {}

    /**
     * Writes the plot as a PNG.
     *
     * <p>The loss axis is logarithmic when the losses are above zero and span two powers of ten, so
     * that both carry a label; linear otherwise.
     *
     * @param file the PNG to write; its parent directories are created and an existing file is
     *     replaced
     * @param samples the training points (x, sin x), drawn as dots
     * @param prediction the network's output over x, drawn as a line through the points in order of
     *     x (so they may be given in any order)
     * @param lossPerEpoch the training loss of epochs 1..n, finite
     * @throws IllegalArgumentException if the loss is empty or not finite
     * @throws IOException if the file cannot be written
     */
    public static void write(Path file, Curve samples, Curve prediction, double[] lossPerEpoch)
            throws IOException {
        Values.requireFinite("lossPerEpoch", lossPerEpoch);
        PngFile.useHeadlessUnlessSet();

        XYChart fit = XyCharts.create("sin(x) and the network's fit", "x", "y");
        // sin on [-3, 3] leaves the lower right empty, and points there would hide under a legend.
        fit.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        fit.getStyler().setMarkerSize(5);
        XyCharts.useRoundXTicks(fit, samples.x(), samples.y());
        XYSeries points = fit.addSeries("sin(x), training points", samples.x(), samples.y());
        points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        points.setMarker(SeriesMarkers.CIRCLE);
        points.setMarkerColor(SAMPLE_COLOR);
        Curve line = prediction.sortedByX();
        XYSeries predicted =
                XyCharts.addLine(fit, "prediction", line.x(), line.y(), PREDICTION_COLOR);
        predicted.setMarker(SeriesMarkers.NONE);

        XYChart loss = XyCharts.create("training loss", "epoch", "loss (MSE)");
        double[] epochs = XyCharts.epochs(lossPerEpoch.length);
        XyCharts.useRoundXTicks(loss, epochs, lossPerEpoch);
        XyCharts.addLine(loss, "loss", epochs, lossPerEpoch, LOSS_COLOR);
        XyCharts.useLogScaleIfWide(loss, lossPerEpoch);
        loss.getStyler().setLegendVisible(false);

        PngFile.write(PngFile.sideBySide(PngFile.render(fit), PngFile.render(loss)), file);
    }
}

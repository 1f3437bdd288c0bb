package org.backprop4j.examples.plot;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.CategoryStyler;

/**
 * A bar chart of one measure per category, such as seconds per epoch or samples per second of each
 * backend, with each bar's value written above it.
 *
 * <p>The image is {@link #WIDTH} x {@link #HEIGHT} pixels. Stateless and thread-safe.
 */
public final class BarChartPlot {
    /** Width of the written image in pixels. */
    public static final int WIDTH = 800;

    /** Height of the written image in pixels. */
    public static final int HEIGHT = 500;

    /** Beyond this many bars the category names are slanted so that they do not overlap. */
    private static final int MAX_LEVEL_LABELS = 4;

    private static final Color BAR_COLOR = new Color(70, 110, 180);

    private BarChartPlot() {}

    /**
     * Writes the chart as a PNG, bars in the order given.
     *
     * @param file the PNG to write; its parent directories are created and an existing file is
     *     replaced
     * @param title the chart's title, e.g. "MNIST, 10 epochs: time per epoch"
     * @param valueAxisLabel the name and unit of the values, e.g. "seconds per epoch"
     * @param bars the bars, at least one, with distinct categories
     * @throws IllegalArgumentException if there are no bars or two share a category
     * @throws IOException if the file cannot be written
     */
    public static void write(Path file, String title, String valueAxisLabel, List<Bar> bars)
            throws IOException {
        checkBars(bars);
        PngFile.useHeadlessUnlessSet();

        CategoryChart chart =
                new CategoryChartBuilder()
                        .width(WIDTH)
                        .height(HEIGHT)
                        .title(title)
                        .yAxisTitle(valueAxisLabel)
                        .build();
        CategoryStyler styler = chart.getStyler();
        styler.setLegendVisible(false);
        styler.setLabelsVisible(true);
        styler.setLabelsPosition(0.9);
        styler.setLabelsFontColorAutomaticEnabled(true);
        styler.setLabelsFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        styler.setYAxisMin(0.0);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridVerticalLinesVisible(false);
        styler.setXAxisLabelRotation(bars.size() > MAX_LEVEL_LABELS ? 30 : 0);
        chart.addSeries(
                        valueAxisLabel,
                        bars.stream().map(Bar::category).toList(),
                        bars.stream().map(Bar::value).toList())
                .setFillColor(BAR_COLOR);

        PngFile.write(PngFile.render(chart), file);
    }

    private static void checkBars(List<Bar> bars) {
        if (bars.isEmpty()) {
            throw new IllegalArgumentException("a bar chart needs at least one bar");
        }
        Set<String> seen = new HashSet<>();
        for (Bar bar : bars) {
            if (!seen.add(bar.category())) {
                throw new IllegalArgumentException(
                        "two bars share the category '"
                                + bar.category()
                                + "'; give each bar its own name, e.g. with the data type");
            }
        }
    }
}

package org.backprop4j.examples.plot;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.HeatMapStyler;

/**
 * A confusion matrix as a heat map with each cell's count written in it: rows are the true classes
 * from the top, columns the predicted classes from the left, so the diagonal holds the right
 * predictions. The shade grows with the count up to the largest count off the diagonal; cells
 * beyond it (the diagonal, as a rule) take the darkest shade, so that a few confusions stay visible
 * beside a diagonal of thousands.
 *
 * <p>The image is {@link #WIDTH} x {@link #HEIGHT} pixels. Stateless and thread-safe.
 */
public final class ConfusionMatrixPlot {
    /** Width of the written image in pixels. */
    public static final int WIDTH = 760;

    /** Height of the written image in pixels. */
    public static final int HEIGHT = 680;

    /** White for none to a mid blue for many, light enough for the black counts to stay legible. */
    private static final Color[] RANGE = {new Color(247, 251, 255), new Color(107, 174, 214)};

    private ConfusionMatrixPlot() {}

    /**
     * Writes the matrix as a PNG with the classes named by their indices, 0 to n - 1.
     *
     * @see #write(Path, int[][], List)
     */
    public static void write(Path file, int[][] counts) throws IOException {
        List<String> names = IntStream.range(0, counts.length).mapToObj(Integer::toString).toList();
        write(file, counts, names);
    }

    /**
     * Writes the matrix as a PNG.
     *
     * @param file the PNG to write; its parent directories are created and an existing file is
     *     replaced
     * @param counts {@code counts[t][p]}: how many samples of true class {@code t} were predicted
     *     as {@code p}; square, at least 1 x 1, no count below zero
     * @param classNames one name per class, in the order of the rows
     * @throws IllegalArgumentException if the matrix is empty or not square, a count is negative,
     *     or the names do not match the classes
     * @throws IOException if the file cannot be written
     */
    public static void write(Path file, int[][] counts, List<String> classNames)
            throws IOException {
        checkSquare(counts);
        if (classNames.size() != counts.length) {
            throw new IllegalArgumentException(
                    "the confusion matrix has "
                            + counts.length
                            + " classes but "
                            + classNames.size()
                            + " class names were given");
        }
        PngFile.useHeadlessUnlessSet();

        HeatMapChart chart =
                new HeatMapChartBuilder()
                        .width(WIDTH)
                        .height(HEIGHT)
                        .title("confusion matrix (" + total(counts) + " samples)")
                        .xAxisTitle("predicted class")
                        .yAxisTitle("true class")
                        .build();
        HeatMapStyler styler = chart.getStyler();
        styler.setShowValue(true);
        styler.setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        styler.setValueFontColor(Color.BLACK);
        styler.setHeatMapValueDecimalPattern("0");
        // The shades stop at the largest confusion, so that a handful of errors shows beside a
        // diagonal of thousands, which takes the darkest shade.
        styler.setMax(Math.max(1, largestConfusion(counts)));
        styler.setRangeColors(RANGE);
        styler.setMin(0);
        // The counts are written in the cells, so a color legend would only take their room.
        styler.setLegendVisible(false);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesVisible(false);

        int n = counts.length;
        // The heat map's y axis grows upwards, so the rows go in reversed to read from the top.
        List<String> rowNames = new ArrayList<>(classNames);
        Collections.reverse(rowNames);
        List<Number[]> cells = new ArrayList<>(n * n);
        for (int t = 0; t < n; t++) {
            for (int p = 0; p < n; p++) {
                cells.add(new Number[] {p, n - 1 - t, counts[t][p]});
            }
        }
        chart.addSeries("count", classNames, rowNames, cells);

        PngFile.write(PngFile.render(chart), file);
    }

    private static void checkSquare(int[][] counts) {
        if (counts.length == 0) {
            throw new IllegalArgumentException(
                    "the confusion matrix is empty; give one row per true class");
        }
        for (int t = 0; t < counts.length; t++) {
            if (counts[t].length != counts.length) {
                throw new IllegalArgumentException(
                        "the confusion matrix must be square, one row per true class and one"
                                + " column per predicted class: it has "
                                + counts.length
                                + " rows but row "
                                + t
                                + " has "
                                + counts[t].length
                                + " columns");
            }
            for (int p = 0; p < counts.length; p++) {
                if (counts[t][p] < 0) {
                    throw new IllegalArgumentException(
                            "count ["
                                    + t
                                    + "]["
                                    + p
                                    + "] is "
                                    + counts[t][p]
                                    + "; counts cannot be negative");
                }
            }
        }
    }

    private static int largestConfusion(int[][] counts) {
        int largest = 0;
        for (int t = 0; t < counts.length; t++) {
            for (int p = 0; p < counts.length; p++) {
                if (t != p) {
                    largest = Math.max(largest, counts[t][p]);
                }
            }
        }
        return largest;
    }

    private static long total(int[][] counts) {
        long total = 0;
        for (int[] row : counts) {
            for (int count : row) {
                total += count;
            }
        }
        return total;
    }
}

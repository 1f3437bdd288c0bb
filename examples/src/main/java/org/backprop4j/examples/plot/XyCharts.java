package org.backprop4j.examples.plot;

import java.awt.Color;
import java.util.Arrays;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The look shared by the line charts, so that every panel reads the same way. */
final class XyCharts {
    /** Width of one chart panel in pixels. */
    static final int PANEL_WIDTH = 720;

    /** Height of one chart panel in pixels. */
    static final int PANEL_HEIGHT = 480;

    /** Above this many points a line carries no markers; they would merge into a smear. */
    private static final int MAX_MARKED_POINTS = 50;

    private XyCharts() {}

    /** A panel of {@link #PANEL_WIDTH} x {@link #PANEL_HEIGHT} pixels, white, legend top right. */
    static XYChart create(String title, String xTitle, String yTitle) {
        XYChart chart =
                new XYChartBuilder()
                        .width(PANEL_WIDTH)
                        .height(PANEL_HEIGHT)
                        .title(title)
                        .xAxisTitle(xTitle)
                        .yAxisTitle(yTitle)
                        .build();
        XYStyler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(225, 225, 225));
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        styler.setLegendBorderColor(Color.LIGHT_GRAY);
        return chart;
    }

    /**
     * Makes the x axis use round tick values. XChart 3.8 puts the x ticks at the data points when
     * those are equally spaced, as epochs and a linear grid of x are, which labels a sin fit with
     * ticks like -1.643216080402. It checks the spacing in the order the values were added, so a
     * hidden first series running backwards over the same range switches it back to its usual round
     * ticks. Call before adding the visible series.
     */
    static void useRoundXTicks(XYChart chart, double[] x, double[] y) {
        double min = Arrays.stream(x).min().orElseThrow();
        double max = Arrays.stream(x).max().orElseThrow();
        XYSeries anchor = chart.addSeries(" ", new double[] {max, min}, new double[] {y[0], y[0]});
        anchor.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        anchor.setLineStyle(SeriesLines.NONE);
        anchor.setMarker(SeriesMarkers.NONE);
        anchor.setShowInLegend(false);
    }

    /** Adds a line, marking each point when there are few enough to tell apart. */
    static XYSeries addLine(XYChart chart, String name, double[] x, double[] y, Color color) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        series.setLineColor(color);
        series.setMarkerColor(color);
        series.setMarker(x.length <= MAX_MARKED_POINTS ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        return series;
    }

    /**
     * Shows a loss on a logarithmic axis, where its late progress stays visible, when it is above
     * zero and spans two powers of ten; XChart labels only powers of ten on such an axis, so a
     * narrower loss goes on a linear axis to keep its labels.
     */
    static void useLogScaleIfWide(XYChart chart, double[] values) {
        if (isWideAndPositive(values)) {
            chart.getStyler().setYAxisLogarithmic(true);
            chart.setYAxisTitle(chart.getYAxisTitle() + ", log scale");
        }
    }

    static boolean isWideAndPositive(double[] values) {
        double min = Arrays.stream(values).min().orElseThrow();
        double max = Arrays.stream(values).max().orElseThrow();
        return min > 0 && Math.floor(Math.log10(max)) - Math.ceil(Math.log10(min)) >= 1;
    }

    /** The numbers 1..n as doubles, the epochs of a per-epoch series. */
    static double[] epochs(int n) {
        double[] epochs = new double[n];
        for (int i = 0; i < n; i++) {
            epochs[i] = i + 1;
        }
        return epochs;
    }
}

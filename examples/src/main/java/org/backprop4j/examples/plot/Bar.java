package org.backprop4j.examples.plot;

/**
 * One bar of a {@link BarChartPlot}.
 *
 * @param category the bar's name, e.g. a backend and its data type ("naive float64")
 * @param value the bar's height, finite and at least zero
 */
public record Bar(String category, double value) {
    /**
     * @throws IllegalArgumentException if the category is blank or the value is not finite
     */
    public Bar {
        if (category.isBlank()) {
            throw new IllegalArgumentException("a bar needs a category name");
        }
        if (!(Double.isFinite(value) && value >= 0)) {
            throw new IllegalArgumentException(
                    "bar '" + category + "' has value " + value + "; give a finite value >= 0");
        }
    }
}

package org.backprop4j.examples.plot;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Points (x[i], y[i]) of one series. Both arrays are copied in and out, so a curve never changes
 * after construction.
 *
 * @param x the abscissas, finite, at least one
 * @param y the ordinates, finite, as many as {@code x}
 */
public record Curve(double[] x, double[] y) {
    /**
     * @throws IllegalArgumentException if the lengths differ, a curve is empty, or a value is not
     *     finite
     */
    public Curve {
        if (x.length != y.length) {
            throw new IllegalArgumentException(
                    "a curve needs as many y values as x values: got "
                            + x.length
                            + " x and "
                            + y.length
                            + " y");
        }
        Values.requireFinite("x", x);
        Values.requireFinite("y", y);
        x = x.clone();
        y = y.clone();
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }

    /** The number of points. */
    public int size() {
        return x.length;
    }

    /** The same points ordered by x, so that a line through them does not double back. */
    Curve sortedByX() {
        int[] order =
                IntStream.range(0, x.length)
                        .boxed()
                        .sorted(Comparator.comparingDouble(i -> x[i]))
                        .mapToInt(Integer::intValue)
                        .toArray();
        return new Curve(
                Arrays.stream(order).mapToDouble(i -> x[i]).toArray(),
                Arrays.stream(order).mapToDouble(i -> y[i]).toArray());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Curve curve
                && Arrays.equals(x, curve.x)
                && Arrays.equals(y, curve.y);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(x) + Arrays.hashCode(y);
    }

    @Override
    public String toString() {
        return "Curve[" + x.length + " points]";
    }
}

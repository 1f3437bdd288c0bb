package org.backprop4j.check;

import java.util.Comparator;
import java.util.List;

/** The outcome of a {@link GradientCheck}: every entry checked, and the worst of them. */
public final class GradientCheckReport {

    /**
     * One checked entry.
     *
     * @param location the tensor and index, such as {@code 0.weight[3,17]} or {@code input[0,2]}
     * @param analytic the gradient from backward
     * @param numerical the central difference
     * @param error the error measure of {@link GradientCheck}
     */
    public record Entry(String location, double analytic, double numerical, double error) {
        @Override
        public String toString() {
            return String.format(
                    "%s: analytic %.10g, numerical %.10g, error %.3g",
                    location, analytic, numerical, error);
        }
    }

    private final List<Entry> entries;

    GradientCheckReport(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The entry with the largest error. */
    public Entry worst() {
        return entries.stream()
                .max(Comparator.comparingDouble(Entry::error))
                .orElseThrow(() -> new IllegalStateException("No entry was checked"));
    }

    /** The largest error of any entry. */
    public double maxError() {
        return worst().error();
    }

    /** Whether every entry's error is at most {@code tolerance}. */
    public boolean passes(double tolerance) {
        return maxError() <= tolerance;
    }

    @Override
    public String toString() {
        return entries.size() + " entries checked, worst " + worst();
    }
}

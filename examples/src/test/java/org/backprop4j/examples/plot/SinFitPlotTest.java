package org.backprop4j.examples.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinFitPlotTest {
    @TempDir Path directory;

    @Test
    void writesAReadablePngOfTheStatedSizeIntoNewDirectories() throws IOException {
        Path file = directory.resolve("runs/sin/fit.png");

        SinFitPlot.write(file, samples(), prediction(), loss(300));

        Pngs.readExpectingSize(file, SinFitPlot.WIDTH, SinFitPlot.HEIGHT);
        assertEquals(List.of("fit.png"), Pngs.namesIn(file.getParent()));
    }

    @Test
    void replacesAnExistingFile() throws IOException {
        Path file = directory.resolve("fit.png");
        Files.writeString(file, "an older plot");

        SinFitPlot.write(file, samples(), prediction(), loss(5));

        Pngs.readExpectingSize(file, SinFitPlot.WIDTH, SinFitPlot.HEIGHT);
        assertEquals(List.of("fit.png"), Pngs.namesIn(directory));
    }

    @Test
    void drawsALossThatReachesZeroOnALinearAxis() throws IOException {
        Path file = directory.resolve("fit.png");
        double[] loss = {0.4, 0.1, 0.0};

        SinFitPlot.write(file, samples(), prediction(), loss);

        Pngs.readExpectingSize(file, SinFitPlot.WIDTH, SinFitPlot.HEIGHT);
    }

    @Test
    void drawsThePredictionInOrderOfXWhateverOrderItCameIn() throws IOException {
        Curve shuffled = new Curve(new double[] {2, -1, 0.5}, new double[] {0.9, -0.8, 0.5});
        Path file = directory.resolve("fit.png");

        SinFitPlot.write(file, samples(), shuffled, loss(3));

        Pngs.readExpectingSize(file, SinFitPlot.WIDTH, SinFitPlot.HEIGHT);
        assertEquals(
                new Curve(new double[] {-1, 0.5, 2}, new double[] {-0.8, 0.5, 0.9}),
                shuffled.sortedByX());
    }

    @Test
    void refusesANonFiniteLossNamingTheEpoch() {
        double[] loss = {0.5, 0.2, Double.NaN};

        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                SinFitPlot.write(
                                        directory.resolve("fit.png"),
                                        samples(),
                                        prediction(),
                                        loss));

        assertTrue(e.getMessage().contains("lossPerEpoch[2] is NaN"), e.getMessage());
        assertTrue(Files.notExists(directory.resolve("fit.png")));
    }

    @Test
    void curveRefusesMismatchedLengthsAndKeepsItsOwnCopy() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new Curve(new double[3], new double[2]));
        assertTrue(e.getMessage().contains("3 x and 2 y"), e.getMessage());

        double[] x = {1, 2};
        Curve curve = new Curve(x, new double[] {3, 4});
        x[0] = 99;
        curve.x()[1] = 99;
        assertEquals(1, curve.x()[0]);
        assertNotEquals(99, curve.x()[1]);
    }

    static Curve samples() {
        int n = 200;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = -3 + 6.0 * i / (n - 1);
            y[i] = Math.sin(x[i]);
        }
        return new Curve(x, y);
    }

    /** A plausible imperfect fit: sin with a small smooth error. */
    static Curve prediction() {
        Curve samples = samples();
        double[] x = samples.x();
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.sin(x[i]) + 0.05 * Math.cos(3 * x[i]);
        }
        return new Curve(x, y);
    }

    static double[] loss(int epochs) {
        double[] loss = new double[epochs];
        for (int i = 0; i < epochs; i++) {
            loss[i] = 0.5 * Math.exp(-i / 40.0) + 0.002;
        }
        return loss;
    }
}

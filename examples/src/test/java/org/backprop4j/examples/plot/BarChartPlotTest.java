package org.backprop4j.examples.plot;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BarChartPlotTest {
    @TempDir Path directory;

    @Test
    void writesAReadablePngOfTheStatedSize() throws IOException {
        Path file = directory.resolve("compare/seconds.png");

        BarChartPlot.write(file, "MNIST: time per epoch", "seconds per epoch", backends());

        Pngs.readExpectingSize(file, BarChartPlot.WIDTH, BarChartPlot.HEIGHT);
    }

    @Test
    void writesASingleBar() throws IOException {
        Path file = directory.resolve("one.png");

        BarChartPlot.write(
                file, "sin", "samples per second", List.of(new Bar("naive float64", 1.5e6)));

        Pngs.readExpectingSize(file, BarChartPlot.WIDTH, BarChartPlot.HEIGHT);
    }

    @Test
    void refusesNoBarsAndBarsThatShareACategory() {
        Path file = directory.resolve("bars.png");

        assertThrows(
                IllegalArgumentException.class,
                () -> BarChartPlot.write(file, "t", "s", List.of()));
        IllegalArgumentException twice =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                BarChartPlot.write(
                                        file,
                                        "t",
                                        "s",
                                        List.of(new Bar("ejml", 1), new Bar("ejml", 2))));
        assertTrue(twice.getMessage().contains("'ejml'"), twice.getMessage());
    }

    @Test
    void barRefusesANonFiniteOrNegativeValue() {
        IllegalArgumentException nan =
                assertThrows(IllegalArgumentException.class, () -> new Bar("nd4j", Double.NaN));
        assertTrue(nan.getMessage().contains("'nd4j' has value NaN"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Bar("nd4j", -1));
        assertThrows(IllegalArgumentException.class, () -> new Bar(" ", 1));
    }

    static List<Bar> backends() {
        return List.of(
                new Bar("naive float64", 11.8),
                new Bar("ejml float64", 9.4),
                new Bar("nd4j float64", 3.1),
                new Bar("nd4j float32", 1.9),
                new Bar("djl float32", 4.2),
                new Bar("numpy float64", 2.6));
    }
}

package org.backprop4j.examples.plot;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingCurvesPlotTest {
    @TempDir Path directory;

    @Test
    void writesAReadablePngOfTheStatedSize() throws IOException {
        Path file = directory.resolve("mnist/curves.png");

        TrainingCurvesPlot.write(file, history(10));

        Pngs.readExpectingSize(file, TrainingCurvesPlot.WIDTH, TrainingCurvesPlot.HEIGHT);
    }

    @Test
    void drawsASingleEpoch() throws IOException {
        Path file = directory.resolve("curves.png");

        TrainingCurvesPlot.write(file, history(1));

        Pngs.readExpectingSize(file, TrainingCurvesPlot.WIDTH, TrainingCurvesPlot.HEIGHT);
    }

    @Test
    void refusesAnAccuracyGivenInPercent() {
        List<EpochMetrics> history = new ArrayList<>(history(3));
        history.set(1, new EpochMetrics(2, 0.3, 0.95, 95.0, 1.0));

        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> TrainingCurvesPlot.write(directory.resolve("c.png"), history));

        assertTrue(e.getMessage().contains("testAccuracy of epoch 2 is 95.0"), e.getMessage());
    }

    @Test
    void refusesAnEmptyHistory() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> TrainingCurvesPlot.write(directory.resolve("c.png"), List.of()));

        assertTrue(e.getMessage().contains("history is empty"), e.getMessage());
    }

    static List<EpochMetrics> history(int epochs) {
        List<EpochMetrics> history = new ArrayList<>();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            double loss = 0.35 / epoch + 0.02;
            history.add(
                    new EpochMetrics(
                            epoch, loss, 1 - loss / 4, 0.99 - loss / 3, 2.0 + 0.1 * epoch));
        }
        return history;
    }
}

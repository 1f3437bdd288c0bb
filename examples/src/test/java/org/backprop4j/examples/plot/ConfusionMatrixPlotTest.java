package org.backprop4j.examples.plot;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfusionMatrixPlotTest {
    @TempDir Path directory;

    @Test
    void writesATenClassMatrixOfTheStatedSize() throws IOException {
        Path file = directory.resolve("confusion.png");

        ConfusionMatrixPlot.write(file, mnistLike());

        Pngs.readExpectingSize(file, ConfusionMatrixPlot.WIDTH, ConfusionMatrixPlot.HEIGHT);
    }

    @Test
    void writesAMatrixWithNamedClasses() throws IOException {
        Path file = directory.resolve("confusion.png");
        int[][] counts = {{5, 1}, {0, 7}};

        ConfusionMatrixPlot.write(file, counts, List.of("cat", "dog"));

        Pngs.readExpectingSize(file, ConfusionMatrixPlot.WIDTH, ConfusionMatrixPlot.HEIGHT);
    }

    @Test
    void refusesANonSquareMatrixSayingWhichRow() {
        int[][] counts = mnistLike();
        counts[2] = new int[9];
        Path file = directory.resolve("confusion.png");

        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ConfusionMatrixPlot.write(file, counts));

        assertTrue(e.getMessage().contains("must be square"), e.getMessage());
        assertTrue(e.getMessage().contains("10 rows but row 2 has 9 columns"), e.getMessage());
        assertTrue(Files.notExists(file));
    }

    @Test
    void refusesAnEmptyMatrixNegativeCountsAndMismatchedNames() {
        Path file = directory.resolve("confusion.png");

        assertThrows(
                IllegalArgumentException.class,
                () -> ConfusionMatrixPlot.write(file, new int[0][0]));
        IllegalArgumentException negative =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ConfusionMatrixPlot.write(file, new int[][] {{1, -2}, {0, 3}}));
        assertTrue(negative.getMessage().contains("count [0][1] is -2"), negative.getMessage());
        IllegalArgumentException names =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                ConfusionMatrixPlot.write(
                                        file, new int[][] {{1}}, List.of("a", "b")));
        assertTrue(names.getMessage().contains("1 classes but 2"), names.getMessage());
    }

    /** Mostly right: a large diagonal and a few confusions between similar digits. */
    static int[][] mnistLike() {
        int[][] counts = new int[10][10];
        for (int t = 0; t < 10; t++) {
            counts[t][t] = 950 + 5 * t;
            counts[t][(t + 3) % 10] = t + 1;
        }
        counts[4][9] = 21;
        counts[7][2] = 14;
        counts[5][3] = 11;
        return counts;
    }
}

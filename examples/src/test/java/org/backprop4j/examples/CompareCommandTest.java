package org.backprop4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.backprop4j.backend.BackendCandidate;
import org.backprop4j.backend.Backends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {
    @TempDir Path output;

    @Test
    void comparesEveryAvailableBackendInBothTypesAgainstNaive() throws IOException {
        ProgramRun run =
                ProgramRun.of(
                        "compare",
                        "--task",
                        "sin",
                        "--epochs",
                        "30",
                        "--no-numpy",
                        "--output-dir",
                        output.toString());

        assertEquals(0, run.exitCode(), run.err());
        List<String> available = new ArrayList<>();
        for (BackendCandidate candidate : Backends.registry().candidates()) {
            if (candidate.availability().isAvailable()) {
                available.add(candidate.name());
            }
        }
        List<String> csv = Files.readAllLines(output.resolve("compare.csv"));
        assertEquals(1 + 2 * available.size(), csv.size(), String.join("\n", csv));
        for (String line : csv.subList(1, csv.size())) {
            String[] cells = line.split(",", -1);
            assertEquals("sin", cells[0]);
            assertTrue(available.contains(cells[1]), line);
            assertTrue(Double.parseDouble(cells[4]) > 0, "time per epoch in " + line);
            double parameterDifference = Double.parseDouble(cells[9]);
            if (cells[1].equals(CompareCommand.REFERENCE)) {
                assertEquals(0, parameterDifference, line);
            } else if (cells[2].equals("float64")) {
                assertTrue(parameterDifference <= BackendAgreementTest.BOUND, line);
            }
        }
        assertTrue(run.out().startsWith("| task | backend |"), run.out());
        assertTrue(Files.size(output.resolve("compare-sin.png")) > 0);
        assertEquals(
                Files.readString(output.resolve("compare.md")),
                run.out().substring(0, run.out().indexOf("wrote")));
    }

    @Test
    void refusesAnUnknownTask() {
        ProgramRun run = ProgramRun.of("compare", "--task", "cifar", "--no-numpy");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("unknown task 'cifar'; use sin, mnist or both"), run.err());
    }

    @Test
    void namesTheUnknownBackendAndTheKnownOnes() {
        ProgramRun run =
                ProgramRun.of(
                        "compare",
                        "--task",
                        "sin",
                        "--backends",
                        "naive,nosuch",
                        "--no-numpy",
                        "--output-dir",
                        output.toString());

        assertEquals(ErrorHandler.USER_ERROR, run.exitCode());
        assertTrue(run.err().contains("Unknown backend 'nosuch'"), run.err());
        assertTrue(run.err().contains("naive ("), run.err());
    }

    @Test
    void readsTheNumpyResultLine() {
        NumpyReference.Result result =
                NumpyReference.parse(
                        "RESULT task=mnist dtype=float32 threads=2 steps=469"
                                + " epoch_seconds=1.5,1.25,1.0 final_loss=0.125"
                                + " test_accuracy=0.9625");

        assertEquals("2", result.threads());
        assertTrue(Arrays.equals(new double[] {1.5, 1.25, 1.0}, result.epochSeconds()));
        assertEquals(0.125, result.finalLoss());
        assertEquals(0.9625, result.testAccuracy());
        assertTrue(
                Double.isNaN(
                        NumpyReference.parse(
                                        "RESULT epoch_seconds=1 final_loss=1 test_accuracy=nan")
                                .testAccuracy()));
    }

    @Test
    void timePerEpochIsTheMedianAfterTheFirst() {
        assertEquals(2.0, ComparisonRow.secondsPerEpoch(new double[] {9, 3, 1, 2}));
        assertEquals(1.5, ComparisonRow.secondsPerEpoch(new double[] {9, 1, 2}));
        assertEquals(9.0, ComparisonRow.secondsPerEpoch(new double[] {9}));
    }
}

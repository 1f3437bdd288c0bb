package org.backprop4j.examples.embed;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.StringJoiner;
import org.backprop4j.backend.Backends;
import org.backprop4j.inference.Predictor;
import org.backprop4j.io.ModelFiles;
import org.backprop4j.models.Activation;
import org.backprop4j.models.Mlp;
import org.backprop4j.models.SavedMlp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example program run as {@code java} runs it, on a model saved here. */
class EmbeddedClassifierTest {
    private static final int[] WIDTHS = {6, 5, 4};

    @TempDir Path dir;

    private Path model;

    @BeforeEach
    void saveAModel() throws IOException {
        model = dir.resolve("classifier.safetensors");
        ModelFiles.save(
                model,
                Mlp.builder(WIDTHS).seed(31).build(Backends.get("naive")),
                SavedMlp.metadata(WIDTHS, Activation.RELU));
    }

    @Test
    void printsEachRowsClassAndProbabilityInInputOrder() throws IOException {
        Random random = new Random(4);
        List<double[]> rows = new ArrayList<>();
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            double[] row = random.doubles(WIDTHS[0], -3, 3).toArray();
            rows.add(row);
            StringJoiner fields = new StringJoiner(", ");
            for (double value : row) {
                fields.add(Double.toString(value));
            }
            input.append(fields).append(i == 10 ? "\n\n" : "\n");
        }

        String out = run(input.toString(), model.toString(), "naive");

        Predictor predictor = Predictor.load(model, "naive");
        StringBuilder expected = new StringBuilder();
        for (double[] row : rows) {
            int digit = predictor.predictClass(row);
            expected.append(
                    String.format(
                            Locale.ROOT, "%d %.4f%n", digit, predictor.probabilities(row)[digit]));
        }
        assertEquals(expected.toString(), out);
    }

    @Test
    void aRowOfTheWrongWidthStopsItWithThePredictorsMessage() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> run("1,2,3,4,5,6\n1,2,3\n", model.toString(), "naive"));

        assertTrue(e.getMessage().contains("has 3 values"), e.getMessage());
    }

    @Test
    void aFieldThatIsNotANumberIsNamedByLineAndField() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> run("1,2,3,4,5,6\n1,2,x,4,5,6\n", model.toString()));

        assertTrue(e.getMessage().startsWith("Line 2, field 3: 'x'"), e.getMessage());
    }

    @Test
    void withoutAModelItSaysHowToCallIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(""));

        assertTrue(e.getMessage().startsWith("Usage: EmbeddedClassifier MODEL"), e.getMessage());
    }

    private static String run(String input, String... args) throws IOException {
        InputStream originalIn = System.in;
        PrintStream originalOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream(input.getBytes(UTF_8)));
            System.setOut(new PrintStream(out, true, UTF_8));
            EmbeddedClassifier.main(args);
        } finally {
            System.setIn(originalIn);
            System.setOut(originalOut);
        }
        return out.toString(UTF_8);
    }
}

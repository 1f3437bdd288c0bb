package org.backprop4j.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.backprop4j.backend.BackendUnavailableException;
import org.backprop4j.backend.Backends;
import org.backprop4j.inference.Predictor;
import org.backprop4j.io.ModelFileException;
import org.backprop4j.io.ModelFiles;
import org.backprop4j.models.Activation;
import org.backprop4j.models.Mlp;
import org.backprop4j.models.SavedMlp;
import org.backprop4j.nn.Sequential;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The inference API against the model a file was saved from, on every shipped backend, and its
 * refusals of bad input. The tests live here rather than in {@code models}, which cannot depend on
 * a backend, and rather than in a {@code testkit} suite, because {@code examples} already sees all
 * four shipped backends and {@link BackendAgreementTest#SHIPPED} names them in one place.
 */
class PredictorTest {
    private static final int[] WIDTHS = {12, 9, 5};
    private static final int ROWS = 7;

    @TempDir Path dir;

    static Stream<String> shipped() {
        return BackendAgreementTest.SHIPPED.stream();
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void predictionsEqualThoseOfTheModelTheFileWasSavedFrom(String name) throws IOException {
        Backend backend = Backends.get(name);
        Sequential model = Mlp.builder(WIDTHS).activation(Activation.TANH).seed(5).build(backend);
        Path file = save(model, Activation.TANH, "model.safetensors");
        double[][] rows = rows(new Random(1));

        Predictor predictor = Predictor.load(file, backend);

        Expected expected = expected(model, backend, DType.FLOAT64, rows);
        assertEquals(DType.FLOAT64, predictor.dtype());
        assertDeepEquals(expected.outputs, predictor.outputs(rows));
        assertDeepEquals(expected.probabilities, predictor.probabilities(rows));
        assertArrayEquals(expected.classes, predictor.predictClasses(rows));
        for (int i = 0; i < ROWS; i++) {
            Expected alone = expected(model, backend, DType.FLOAT64, new double[][] {rows[i]});
            assertArrayEquals(alone.outputs[0], predictor.outputs(rows[i]), "row " + i);
            assertArrayEquals(alone.probabilities[0], predictor.probabilities(rows[i]));
            assertEquals(alone.classes[0], predictor.predictClass(rows[i]), "row " + i);
        }
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void aFloat32ModelPredictsInFloat32FromFloatRows(String name) throws IOException {
        Backend backend = Backends.get(name);
        Sequential model = Mlp.builder(WIDTHS).dtype(DType.FLOAT32).seed(6).build(backend);
        Path file = save(model, "f32.safetensors");
        float[][] rows = floats(rows(new Random(2)));

        Predictor predictor = Predictor.load(file, name);

        Expected expected = expected(model, backend, DType.FLOAT32, widened(rows));
        assertEquals(DType.FLOAT32, predictor.dtype());
        assertDeepEquals(expected.outputs, predictor.outputs(rows));
        assertDeepEquals(expected.probabilities, predictor.probabilities(rows));
        assertArrayEquals(expected.classes, predictor.predictClasses(rows));
        Expected first = expected(model, backend, DType.FLOAT32, widened(new float[][] {rows[0]}));
        assertArrayEquals(first.outputs[0], predictor.outputs(rows[0]));
        assertArrayEquals(first.probabilities[0], predictor.probabilities(rows[0]));
        assertEquals(first.classes[0], predictor.predictClass(rows[0]));
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void aFileSavedOnNaiveAgreesWithNaiveOnEveryBackend(String name) throws IOException {
        Backend naive = Backends.get("naive");
        Path file = save(Mlp.builder(WIDTHS).seed(8).build(naive), "naive.safetensors");
        double[][] rows = rows(new Random(3));
        double[][] reference = Predictor.load(file, naive).probabilities(rows);

        double[][] probabilities = Predictor.load(file, name).probabilities(rows);

        for (int i = 0; i < ROWS; i++) {
            for (int c = 0; c < WIDTHS[2]; c++) {
                double difference = Math.abs(probabilities[i][c] - reference[i][c]);
                assertTrue(
                        difference <= BackendAgreementTest.BOUND,
                        name + " row " + i + " class " + c + " differs by " + difference);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void loadingAndPredictingWriteNothingToTheConsole(String name) throws IOException {
        Path file =
                save(Mlp.builder(WIDTHS).seed(9).build(Backends.get(name)), "quiet.safetensors");
        double[][] rows = rows(new Random(4));
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(console, true, UTF_8)) {
            System.setOut(capture);
            System.setErr(capture);
            Predictor predictor = Predictor.load(file, name);
            predictor.outputs(rows);
            predictor.probabilities(rows[0]);
            predictor.predictClasses(floats(rows));
            assertThrows(IllegalArgumentException.class, () -> predictor.outputs(new double[3]));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }

        assertEquals("", console.toString(UTF_8));
    }

    @Test
    void theDefaultBackendIsTheRegistrysSelection() throws IOException {
        Path file = save(Mlp.builder(WIDTHS).build(Backends.get("naive")), "default.safetensors");

        Predictor predictor = Predictor.load(file);

        assertSame(Backends.selected(), predictor.backend());
        assertEquals(12, predictor.inputWidth());
        assertEquals(5, predictor.outputWidth());
        assertEquals("mlp 12-9-5 relu", predictor.describe());
    }

    @Test
    void inputsAreLeftAsTheyWereAndResultsBelongToTheCaller() throws IOException {
        Predictor predictor = naivePredictor();
        double[][] rows = rows(new Random(5));
        double[][] copy = Arrays.stream(rows).map(double[]::clone).toArray(double[][]::new);

        double[][] first = predictor.outputs(rows);
        first[0][0] = 1e9;

        assertDeepEquals(copy, rows);
        assertArrayEquals(predictor.outputs(copy)[0], predictor.outputs(rows)[0]);
        assertTrue(predictor.outputs(rows)[0][0] != 1e9);
    }

    @Test
    void anEmptyBatchGivesEmptyResults() throws IOException {
        Predictor predictor = naivePredictor();

        assertEquals(0, predictor.outputs(new double[0][]).length);
        assertEquals(0, predictor.probabilities(new float[0][]).length);
        assertEquals(0, predictor.predictClasses(new double[0][]).length);
    }

    @Test
    void aRowOfTheWrongWidthIsRefusedWithBothWidthsAndTheRow() throws IOException {
        Predictor predictor = naivePredictor();
        double[][] rows = rows(new Random(6));
        rows[3] = new double[11];

        String alone = refused(IllegalArgumentException.class, () -> predictor.outputs(rows[3]));
        String inBatch =
                refused(IllegalArgumentException.class, () -> predictor.predictClasses(rows));
        String floats =
                refused(
                        IllegalArgumentException.class,
                        () -> predictor.probabilities(new float[13]));

        assertTrue(alone.startsWith("The row has 11 values"), alone);
        assertTrue(alone.contains("takes 12 per row"), alone);
        assertTrue(inBatch.startsWith("Row 3 has 11 values"), inBatch);
        assertTrue(inBatch.contains("takes 12 per row"), inBatch);
        assertTrue(floats.startsWith("The row has 13 values"), floats);
    }

    @Test
    void nanAndInfiniteValuesAreRefusedNamingTheRowAndTheIndex() throws IOException {
        Predictor predictor = naivePredictor();
        double[][] rows = rows(new Random(7));
        rows[2][4] = Double.NaN;
        float[] infinite = new float[12];
        infinite[9] = Float.NEGATIVE_INFINITY;

        String nan = refused(IllegalArgumentException.class, () -> predictor.probabilities(rows));
        String inf =
                refused(IllegalArgumentException.class, () -> predictor.predictClass(infinite));

        assertTrue(nan.startsWith("Row 2 holds NaN at index 4"), nan);
        assertTrue(nan.contains("finite"), nan);
        assertTrue(inf.startsWith("The row holds -Infinity at index 9"), inf);
    }

    @Test
    void nullRowsAreRefusedNamingTheRow() throws IOException {
        Predictor predictor = naivePredictor();
        double[][] rows = rows(new Random(8));
        rows[5] = null;

        String alone =
                refused(NullPointerException.class, () -> predictor.outputs((double[]) null));
        String inBatch = refused(NullPointerException.class, () -> predictor.outputs(rows));
        String floats =
                refused(
                        NullPointerException.class,
                        () -> predictor.predictClasses(new float[][] {new float[12], null}));
        String batch =
                refused(NullPointerException.class, () -> predictor.outputs((double[][]) null));

        assertTrue(alone.startsWith("The row is null"), alone);
        assertTrue(inBatch.startsWith("Row 5 is null"), inBatch);
        assertTrue(floats.startsWith("Row 1 is null"), floats);
        assertEquals("rows", batch);
    }

    @Test
    void aMissingFileIsRefusedNamingIt() {
        Path missing = dir.resolve("missing.safetensors");

        NoSuchFileException e =
                assertThrows(NoSuchFileException.class, () -> Predictor.load(missing, "naive"));

        assertEquals(missing.toString(), e.getFile());
    }

    @Test
    void aCorruptFileIsRefusedNamingIt() throws IOException {
        Path whole = save(Mlp.builder(WIDTHS).build(Backends.get("naive")), "whole.safetensors");
        byte[] bytes = Files.readAllBytes(whole);
        Path corrupt = dir.resolve("corrupt.safetensors");
        Files.write(corrupt, Arrays.copyOf(bytes, bytes.length - 3));

        ModelFileException e =
                assertThrows(ModelFileException.class, () -> Predictor.load(corrupt, "naive"));

        assertEquals(corrupt, e.path());
        assertTrue(e.getMessage().startsWith("Model file " + corrupt + ": "), e.getMessage());
    }

    @Test
    void anUnknownBackendIsRefusedListingTheKnownOnes() throws IOException {
        Path file = save(Mlp.builder(WIDTHS).build(Backends.get("naive")), "any.safetensors");

        String message =
                refused(BackendUnavailableException.class, () -> Predictor.load(file, "cuda"));

        assertTrue(message.contains("'cuda'"), message);
        assertTrue(message.contains("naive"), message);
    }

    private Predictor naivePredictor() throws IOException {
        Path file = save(Mlp.builder(WIDTHS).seed(2).build(Backends.get("naive")), "n.safetensors");
        return Predictor.load(file, "naive");
    }

    /** Saves an MLP of {@link #WIDTHS} with ReLU, as {@code mnist --save} does. */
    private Path save(Sequential model, String name) throws IOException {
        return save(model, Activation.RELU, name);
    }

    private Path save(Sequential model, Activation activation, String name) throws IOException {
        Path file = dir.resolve(name);
        ModelFiles.save(file, model, SavedMlp.metadata(WIDTHS, activation));
        return file;
    }

    /** What the model itself computes for {@code rows}, in one batch. */
    private static Expected expected(
            Sequential model, Backend backend, DType dtype, double[][] rows) {
        int width = WIDTHS[2];
        double[] flat = Arrays.stream(rows).flatMapToDouble(Arrays::stream).toArray();
        Tensor outputs =
                model.predict(backend.fromArray(flat, Shape.of(rows.length, WIDTHS[0]), dtype));
        double[] raw = backend.toDoubleArray(outputs);
        double[] softmax = backend.toDoubleArray(backend.softmaxRows(outputs));
        double[][] outputRows = new double[rows.length][];
        double[][] probabilityRows = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            outputRows[i] = Arrays.copyOfRange(raw, i * width, (i + 1) * width);
            probabilityRows[i] = Arrays.copyOfRange(softmax, i * width, (i + 1) * width);
        }
        return new Expected(outputRows, probabilityRows, backend.argmaxRows(outputs));
    }

    private record Expected(double[][] outputs, double[][] probabilities, int[] classes) {}

    private static double[][] rows(Random random) {
        double[][] rows = new double[ROWS][WIDTHS[0]];
        for (double[] row : rows) {
            Arrays.setAll(row, k -> random.nextGaussian());
        }
        return rows;
    }

    private static float[][] floats(double[][] rows) {
        float[][] floats = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            floats[i] = new float[rows[i].length];
            for (int k = 0; k < rows[i].length; k++) {
                floats[i][k] = (float) rows[i][k];
            }
        }
        return floats;
    }

    private static double[][] widened(float[][] rows) {
        double[][] widened = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            widened[i] = new double[rows[i].length];
            for (int k = 0; k < rows[i].length; k++) {
                widened[i][k] = rows[i][k];
            }
        }
        return widened;
    }

    private static void assertDeepEquals(double[][] expected, double[][] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], "row " + i);
        }
    }

    private static String refused(Class<? extends Throwable> type, Executable call) {
        return assertThrows(type, call).getMessage();
    }
}

package org.backprop4j.examples;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.backprop4j.backend.Backends;
import org.backprop4j.io.ModelFiles;
import org.backprop4j.models.Presets;
import org.backprop4j.nn.Sequential;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictCommandTest {
    private static final int SIDE = 28;
    private static final int PIXELS = SIDE * SIDE;

    /** Probabilities are printed to four decimals. */
    private static final double PRINTED_PROBABILITY_TOLERANCE = 0.5e-4 + 1e-12;

    private static final Pattern LINE =
            Pattern.compile("^(.+?)  (\\d)  (\\d\\.\\d{4})(  label (\\d)(  wrong)?|  inverted)?$");

    @TempDir Path dir;

    private final Backend backend = Backends.get("naive");
    private Sequential model;
    private Path modelFile;

    @BeforeEach
    void saveASmallModel() throws IOException {
        model = Presets.mnist(backend, DType.FLOAT64, 8, 11);
        modelFile = dir.resolve("small.safetensors");
        ModelFiles.save(modelFile, model, mnistMetadata("784,8,10"));
    }

    @Test
    void idxImagesGetTheModelsOwnPredictionsAndTheAccuracyOfTheLabels() throws IOException {
        int count = 12;
        byte[] images = randomImages(count, new Random(1));
        Expected expected = expected(scaled(images));
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            // Every other label is wrong, so the accuracy printed must be exactly one half.
            labels[i] = (byte) (i % 2 == 0 ? expected.classes[i] : (expected.classes[i] + 1) % 10);
        }
        Path imageFile = writeIdxImages(dir.resolve("images.idx"), images, count, SIDE, SIDE);
        Path labelFile = writeGzip(dir.resolve("labels.idx.gz"), idxLabels(labels));

        ProgramRun run = run("--labels", labelFile.toString(), imageFile.toString());

        List<Matcher> lines = predictionLines(run.out());
        assertEquals(count, lines.size(), run.out());
        for (int i = 0; i < count; i++) {
            Matcher line = lines.get(i);
            assertPrediction(imageFile + "[" + i + "]", expected, i, line);
            assertEquals(Integer.toString(labels[i]), line.group(5), line.group());
            assertEquals(i % 2 == 1, line.group(6) != null, line.group());
        }
        assertTrue(
                run.out().contains(imageFile + ": 12 images; accuracy 50.00% (6 of 12)"),
                run.out());
    }

    @Test
    void aLongIdxFileShowsTheFirstLinesAndSummarisesTheRest() throws IOException {
        int count = 30;
        byte[] images = randomImages(count, new Random(2));
        Expected expected = expected(scaled(images));
        Path imageFile = writeGzip(dir.resolve("images.gz"), idxImages(images, count, SIDE, SIDE));

        ProgramRun run = run("--limit", "3", imageFile.toString());

        List<Matcher> lines = predictionLines(run.out());
        assertEquals(3, lines.size(), run.out());
        for (int i = 0; i < 3; i++) {
            assertPrediction(imageFile + "[" + i + "]", expected, i, lines.get(i));
        }
        assertTrue(
                run.out().contains(imageFile + ": 30 images, first 3 shown (--limit)"), run.out());
        assertFalse(run.out().contains("accuracy"), run.out());
    }

    @Test
    void pngImagesAreConvertedAsMnistDigitsAndClassifiedByTheModel() throws IOException {
        Random random = new Random(3);
        BufferedImage dark = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
        double[] darkPixels = new double[PIXELS];
        BufferedImage light = new BufferedImage(2 * SIDE, 2 * SIDE, BufferedImage.TYPE_INT_RGB);
        double[] lightPixels = new double[PIXELS];
        BufferedImage wide = new BufferedImage(SIDE, SIDE / 2, BufferedImage.TYPE_BYTE_GRAY);
        double[] widePixels = new double[PIXELS];
        BufferedImage clear = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_ARGB);
        double[] clearPixels = new double[PIXELS];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int stroke = random.nextInt(5) == 0 ? 1 + random.nextInt(255) : 0;
                dark.getRaster().setSample(x, y, 0, stroke);
                darkPixels[y * SIDE + x] = stroke / 255.0;

                // Constant 2x2 blocks, so that averaging down to 28x28 is exact.
                int ink = random.nextInt(5) == 0 ? random.nextInt(200) : 255;
                int rgb = ink << 16 | ink << 8 | ink;
                for (int dy = 0; dy < 2; dy++) {
                    for (int dx = 0; dx < 2; dx++) {
                        light.setRGB(2 * x + dx, 2 * y + dy, rgb);
                    }
                }
                lightPixels[y * SIDE + x] = 1 - ink / 255.0;

                // Dark ink on a transparent background, which counts as white.
                if (ink < 255) {
                    clear.setRGB(x, y, 0xFF000000 | rgb);
                }
                clearPixels[y * SIDE + x] = 1 - ink / 255.0;

                // A 28x14 image lands in rows 7 to 20 of a black square.
                if (y < SIDE / 2) {
                    wide.getRaster().setSample(x, y, 0, stroke);
                    widePixels[(y + SIDE / 4) * SIDE + x] = stroke / 255.0;
                }
            }
        }
        Path darkFile = writePng(dark, "dark.png");
        Path lightFile = writePng(light, "light.png");
        Path wideFile = writePng(wide, "wide.png");
        Path clearFile = writePng(clear, "clear.png");

        ProgramRun run =
                run(
                        darkFile.toString(),
                        lightFile.toString(),
                        wideFile.toString(),
                        clearFile.toString());

        List<Matcher> lines = predictionLines(run.out());
        assertEquals(4, lines.size(), run.out());
        assertPrediction(darkFile.toString(), expected(darkPixels), 0, lines.get(0));
        assertPrediction(lightFile.toString(), expected(lightPixels), 0, lines.get(1));
        assertPrediction(wideFile.toString(), expected(widePixels), 0, lines.get(2));
        assertPrediction(clearFile.toString(), expected(clearPixels), 0, lines.get(3));
        assertAll(
                () -> assertNull(lines.get(0).group(4), "light on dark is kept"),
                () -> assertEquals("  inverted", lines.get(1).group(4), "light is inverted"),
                () -> assertNull(lines.get(2).group(4), "light on dark is kept"),
                () -> assertEquals("  inverted", lines.get(3).group(4), "transparent is light"));
    }

    @Test
    void helpSaysThatLightImagesAreInverted() {
        ProgramRun run = ProgramRun.of("predict", "--help");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("mostly light"), run.out());
        assertTrue(run.out().contains("inverted"), run.out());
    }

    @Test
    void aTruncatedModelFileIsRefusedNamingTheFile() throws IOException {
        byte[] whole = Files.readAllBytes(modelFile);
        Path truncated = dir.resolve("truncated.safetensors");
        Files.write(truncated, Arrays.copyOf(whole, whole.length / 2));

        ProgramRun run = runWithModel(truncated, writePng(blank(), "digit.png").toString());

        assertUserError(run, truncated.toString());
    }

    @Test
    void aMissingModelFileIsRefusedNamingTheFile() throws IOException {
        Path missing = dir.resolve("missing.safetensors");

        ProgramRun run = runWithModel(missing, writePng(blank(), "digit.png").toString());

        assertUserError(run, missing + ": no such model file");
    }

    @Test
    void anInputThatIsNeitherPngNorIdxIsRefusedNamingTheFile() throws IOException {
        Path text = Files.writeString(dir.resolve("digit.txt"), "seven");

        ProgramRun run = run(text.toString());

        assertUserError(run, text + ": neither a PNG image nor an IDX images file");
    }

    @Test
    void aCorruptPngIsRefusedNamingTheFile() throws IOException {
        byte[] whole = Files.readAllBytes(writePng(blank(), "whole.png"));
        Path corrupt = dir.resolve("corrupt.png");
        Files.write(corrupt, Arrays.copyOf(whole, 20));

        ProgramRun run = run(corrupt.toString());

        assertUserError(run, corrupt.toString());
    }

    @Test
    void labelsMustPairWithTheIdxInputs() throws IOException {
        Path png = writePng(blank(), "digit.png");
        Path labels = Files.write(dir.resolve("labels.idx"), idxLabels(new byte[] {1}));

        ProgramRun run = run("--labels", labels.toString(), png.toString());

        assertUserError(run, "1 --labels files for 0 IDX inputs");
    }

    private ProgramRun run(String... arguments) {
        return runWithModel(modelFile, arguments);
    }

    private static ProgramRun runWithModel(Path model, String... arguments) {
        List<String> args =
                new ArrayList<>(
                        List.of("predict", "--backend", "naive", "--model", model.toString()));
        args.addAll(List.of(arguments));
        return ProgramRun.of(args.toArray(String[]::new));
    }

    private static void assertUserError(ProgramRun run, String expectedInMessage) {
        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains(expectedInMessage), run.err());
    }

    private static void assertPrediction(String name, Expected expected, int index, Matcher line) {
        assertAll(
                line.group(),
                () -> assertEquals(name, line.group(1)),
                () -> assertEquals(Integer.toString(expected.classes[index]), line.group(2)),
                () ->
                        assertEquals(
                                expected.probabilities[index],
                                Double.parseDouble(line.group(3)),
                                PRINTED_PROBABILITY_TOLERANCE));
    }

    private static List<Matcher> predictionLines(String out) {
        List<Matcher> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            Matcher matcher = LINE.matcher(line);
            if (matcher.matches()) {
                lines.add(matcher);
            }
        }
        return lines;
    }

    /** The model's scores for the images, with the argmax and softmax taken here. */
    private Expected expected(double[] pixels) {
        int count = pixels.length / PIXELS;
        double[] scores =
                backend.toDoubleArray(
                        model.predict(
                                backend.fromArray(pixels, Shape.of(count, PIXELS), DType.FLOAT64)));
        int classes = scores.length / count;
        Expected expected = new Expected(new int[count], new double[count]);
        for (int i = 0; i < count; i++) {
            int best = 0;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                if (scores[i * classes + c] > max) {
                    max = scores[i * classes + c];
                    best = c;
                }
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(scores[i * classes + c] - max);
            }
            expected.classes[i] = best;
            expected.probabilities[i] = 1 / sum;
        }
        return expected;
    }

    private record Expected(int[] classes, double[] probabilities) {}

    private static Map<String, String> mnistMetadata(String widths) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("model", "mlp");
        metadata.put("widths", widths);
        metadata.put("activation", "relu");
        return metadata;
    }

    private static byte[] randomImages(int count, Random random) {
        byte[] pixels = new byte[count * PIXELS];
        random.nextBytes(pixels);
        return pixels;
    }

    private static double[] scaled(byte[] pixels) {
        double[] values = new double[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            values[i] = (pixels[i] & 0xFF) / 255.0;
        }
        return values;
    }

    private static BufferedImage blank() {
        return new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
    }

    private Path writePng(BufferedImage image, String name) throws IOException {
        Path file = dir.resolve(name);
        assertTrue(ImageIO.write(image, "png", file.toFile()), "no PNG writer");
        return file;
    }

    private static Path writeIdxImages(Path file, byte[] pixels, int count, int rows, int cols)
            throws IOException {
        return Files.write(file, idxImages(pixels, count, rows, cols));
    }

    private static byte[] idxImages(byte[] pixels, int count, int rows, int cols)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0x00000803);
            out.writeInt(count);
            out.writeInt(rows);
            out.writeInt(cols);
            out.write(pixels);
        }
        return bytes.toByteArray();
    }

    private static byte[] idxLabels(byte[] labels) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0x00000801);
            out.writeInt(labels.length);
            out.write(labels);
        }
        return bytes.toByteArray();
    }

    private static Path writeGzip(Path file, byte[] content) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content);
        }
        return file;
    }
}

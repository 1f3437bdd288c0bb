package org.backprop4j.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.backprop4j.data.mnist.IdxFormatException;
import org.backprop4j.data.mnist.IdxImages;
import org.backprop4j.data.mnist.IdxReader;
import org.backprop4j.data.mnist.MnistSplit;
import org.backprop4j.io.ModelFileException;
import org.backprop4j.models.SavedMlp;
import org.backprop4j.nn.Layer;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.Tensor;
import org.backprop4j.tensor.TensorScope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Classifies digits with a model saved by {@code mnist --save}: one line per image with the
 * predicted digit and its softmax probability, and for IDX files a summary with the accuracy when
 * labels are given. The model is rebuilt from the file's metadata (see {@link SavedMlp}); PNG files
 * are converted as {@link PngDigit} describes.
 */
@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        description = {
            "Classify digits with a model saved by 'mnist --save'. Each INPUT is an IDX images"
                    + " file (raw or gzip, like the MNIST files) or a PNG image; the kind is"
                    + " recognised by content, not by name.",
            "",
            "Each image gives a line: the file (and index in an IDX file), the predicted digit"
                    + " and its softmax probability. An IDX file prints its first --limit lines"
                    + " and a summary, with the accuracy when --labels are given.",
            "",
            "PNG images of any size are converted to 28x28 grayscale in [0, 1]: padded to a"
                    + " square and area-averaged. MNIST digits are white on black, so an image"
                    + " that is mostly light (mean above one half) is inverted, and its line says"
                    + " so: a dark digit on a light background works as well as a light digit on"
                    + " a dark one. Transparent pixels count as white. Like MNIST digits, the"
                    + " digit should be centred and fill most of the image.",
            ""
        })
final class PredictCommand implements Callable<Integer> {
    /** Images classified per forward pass over an IDX file. */
    private static final int BATCH = 1000;

    private static final int FEATURES = MnistSplit.ROWS * MnistSplit.COLS;

    @Spec CommandSpec spec;
    @Mixin BackendOptions backendOptions;

    @Option(
            names = "--model",
            required = true,
            paramLabel = "FILE",
            description = "A model file written by 'mnist --save'.")
    Path modelFile;

    @Option(
            names = "--labels",
            paramLabel = "FILE",
            description =
                    "IDX labels (raw or gzip) to print the accuracy: one per IDX input, in the"
                            + " same order. Repeatable.")
    List<Path> labelFiles = new ArrayList<>();

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "20",
            description = "Lines printed for each IDX input. Default: ${DEFAULT-VALUE}.")
    int limit;

    @Parameters(
            arity = "1..*",
            paramLabel = "INPUT",
            description = "IDX images files or PNG images.")
    List<Path> inputs;

    @Override
    public Integer call() throws IOException {
        if (limit < 0) {
            throw new ParameterException(
                    spec.commandLine(), "--limit must be 0 or more, got " + limit);
        }
        List<Boolean> isPng = new ArrayList<>();
        for (Path input : inputs) {
            isPng.add(isPng(input));
        }
        long idxInputs = isPng.stream().filter(png -> !png).count();
        if (!labelFiles.isEmpty() && labelFiles.size() != idxInputs) {
            throw new ParameterException(
                    spec.commandLine(),
                    "got "
                            + labelFiles.size()
                            + " --labels files for "
                            + idxInputs
                            + " IDX inputs; give one per IDX input, in the same order, or none");
        }

        PrintWriter out = spec.commandLine().getOut();
        Backend backend = backendOptions.resolve();
        SavedMlp saved = SavedMlp.load(modelFile, backend, backendOptions.dtype);
        if (saved.inputWidth() != FEATURES) {
            throw new ModelFileException(
                    modelFile,
                    "the model takes "
                            + saved.inputWidth()
                            + " inputs, but predict classifies 28x28 images, "
                            + FEATURES
                            + " inputs; give a model trained on MNIST");
        }
        out.printf(
                "model %s: %s, backend %s (%s)%n",
                modelFile, saved.describe(), backend.name(), backendOptions.dtype);

        Iterator<Path> labels = labelFiles.iterator();
        for (int i = 0; i < inputs.size(); i++) {
            Path input = inputs.get(i);
            if (isPng.get(i)) {
                predictPng(input, saved.model(), backend, out);
            } else {
                Path labelFile = labels.hasNext() ? labels.next() : null;
                predictIdx(input, labelFile, saved.model(), backend, out);
            }
            out.flush();
        }
        return 0;
    }

    private void predictPng(Path input, Layer model, Backend backend, PrintWriter out)
            throws IOException {
        PngDigit digit = PngDigit.read(input);
        Predictions predictions = classify(model, backend, digit.pixels(), 1);

        out.println(
                line(input.toString(), predictions, 0) + (digit.inverted() ? "  inverted" : ""));
    }

    private void predictIdx(
            Path input, Path labelFile, Layer model, Backend backend, PrintWriter out)
            throws IOException {
        IdxImages images = IdxReader.readImages(requireFile(input, "input"));
        int[] labels = null;
        if (labelFile != null) {
            labels =
                    MnistSplit.of(images, IdxReader.readLabels(requireFile(labelFile, "labels")))
                            .labels();
        } else if (images.rows() != MnistSplit.ROWS || images.cols() != MnistSplit.COLS) {
            throw new IdxFormatException(
                    images.source(),
                    "images are "
                            + images.rows()
                            + "x"
                            + images.cols()
                            + ", but the model takes MNIST images of 28x28");
        }

        int count = images.count();
        int[] classes = new int[count];
        double[] probabilities = new double[count];
        for (int from = 0; from < count; from += BATCH) {
            int[] indices = new int[Math.min(BATCH, count - from)];
            int start = from;
            Arrays.setAll(indices, k -> start + k);
            Predictions batch = classify(model, backend, images.pixels(indices), indices.length);
            System.arraycopy(batch.classes, 0, classes, from, indices.length);
            System.arraycopy(batch.probabilities, 0, probabilities, from, indices.length);
        }
        Predictions predictions = new Predictions(classes, probabilities);

        int shown = Math.min(limit, count);
        for (int i = 0; i < shown; i++) {
            String line = line(input + "[" + i + "]", predictions, i);
            if (labels != null) {
                line += "  label " + labels[i] + (labels[i] == classes[i] ? "" : "  wrong");
            }
            out.println(line);
        }
        StringBuilder summary = new StringBuilder(input + ": " + count + " images");
        if (shown < count) {
            summary.append(", first ").append(shown).append(" shown (--limit)");
        }
        if (labels != null) {
            int correct = 0;
            for (int i = 0; i < count; i++) {
                correct += labels[i] == classes[i] ? 1 : 0;
            }
            summary.append(
                    String.format(
                            Locale.ROOT,
                            "; accuracy %.2f%% (%d of %d)",
                            count == 0 ? 0.0 : 100.0 * correct / count,
                            correct,
                            count));
        }
        out.println(summary);
    }

    private static String line(String name, Predictions predictions, int index) {
        return String.format(
                Locale.ROOT,
                "%s  %d  %.4f",
                name,
                predictions.classes[index],
                predictions.probabilities[index]);
    }

    /** The argmax of each image's scores and its softmax probability. */
    // The scope exists only to free the batch's tensors on native backends.
    @SuppressWarnings("try")
    private Predictions classify(Layer model, Backend backend, double[] pixels, int count) {
        try (TensorScope scope = backend.openScope()) {
            DType dtype = backendOptions.dtype;
            Tensor scores =
                    model.predict(backend.fromArray(pixels, Shape.of(count, FEATURES), dtype));
            int[] classes = backend.argmaxRows(scores);
            double[] softmax = backend.toDoubleArray(backend.softmaxRows(scores));
            int width = softmax.length / count;
            double[] probabilities = new double[count];
            for (int i = 0; i < count; i++) {
                probabilities[i] = softmax[i * width + classes[i]];
            }
            return new Predictions(classes, probabilities);
        }
    }

    /**
     * Whether {@code input} is a PNG image rather than an IDX file, told by its first bytes.
     *
     * @throws IOException naming the file when it is neither
     */
    private static boolean isPng(Path input) throws IOException {
        byte[] header;
        try (InputStream in = Files.newInputStream(requireFile(input, "input"))) {
            header = in.readNBytes(8);
        }
        if (PngDigit.isPng(header)) {
            return true;
        }
        boolean gzip = header.length >= 2 && header[0] == 0x1f && header[1] == (byte) 0x8b;
        boolean idx = header.length >= 3 && header[0] == 0 && header[1] == 0 && header[2] == 0x08;
        if (gzip || idx) {
            return false;
        }
        throw new IOException(
                input
                        + ": neither a PNG image nor an IDX images file (raw or gzip); "
                        + (header.length == 0
                                ? "the file is empty"
                                : "it starts with the bytes "
                                        + HexFormat.ofDelimiter(" ").formatHex(header)));
    }

    private static Path requireFile(Path file, String role) throws NoSuchFileException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such " + role + " file");
        }
        return file;
    }

    /** Parallel arrays, one entry per image. */
    private record Predictions(int[] classes, double[] probabilities) {}
}

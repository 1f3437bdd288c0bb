package org.backprop4j.examples.embed;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.backprop4j.inference.Predictor;

/**
 * A JVM application that classifies with a saved model through {@link Predictor} alone, as an
 * application that embeds backprop4j would: no tensors, no backend code.
 *
 * <p>Usage: {@code EmbeddedClassifier MODEL [BACKEND] < rows.csv}, where {@code MODEL} is a file
 * written by {@code mnist --save} and {@code BACKEND} a backend name (by default the registry's
 * choice). Each line of standard input is one example, its values separated by commas; each line of
 * output is the predicted class of that example and its probability, in input order.
 */
public final class EmbeddedClassifier {
    private EmbeddedClassifier() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            throw new IllegalArgumentException(
                    "Usage: EmbeddedClassifier MODEL [BACKEND] < rows.csv; got "
                            + args.length
                            + " arguments");
        }
        Path file = Path.of(args[0]);
        Predictor predictor =
                args.length == 2 ? Predictor.load(file, args[1]) : Predictor.load(file);

        List<double[]> rows = readRows(new BufferedReader(new InputStreamReader(System.in, UTF_8)));
        // One loaded predictor serves every thread of the common pool behind the parallel stream.
        List<String> lines =
                rows.parallelStream()
                        .map(
                                row -> {
                                    int digit = predictor.predictClass(row);
                                    double probability = predictor.probabilities(row)[digit];
                                    return String.format(
                                            Locale.ROOT, "%d %.4f", digit, probability);
                                })
                        .toList();
        lines.forEach(System.out::println);
    }

    private static List<double[]> readRows(BufferedReader in) throws IOException {
        List<double[]> rows = new ArrayList<>();
        int number = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",");
            double[] row = new double[fields.length];
            for (int i = 0; i < fields.length; i++) {
                try {
                    row[i] = Double.parseDouble(fields[i].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            "Line "
                                    + number
                                    + ", field "
                                    + (i + 1)
                                    + ": '"
                                    + fields[i]
                                    + "' is not a number",
                            e);
                }
            }
            rows.add(row);
        }
        return rows;
    }
}

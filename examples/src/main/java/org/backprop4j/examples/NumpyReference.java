package org.backprop4j.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The lesson's loop in numpy ({@code bench/numpy_mnist.py}), run as a child process so that {@code
 * compare} can put it beside the backends: it passes the task's settings and reads the timing,
 * final loss and test accuracy from the script's last line, which starts with {@code RESULT}.
 *
 * @param python the Python interpreter to run
 * @param script the script
 */
record NumpyReference(String python, Path script) {
    /** The script, relative to the project's root. */
    static final Path SCRIPT = Path.of("bench", "numpy_mnist.py");

    /** The system property the launcher sets to the project's root. */
    static final String HOME_PROPERTY = "backprop4j.home";

    private static final long PROBE_SECONDS = 60;

    /**
     * What one run of the script reported.
     *
     * @param threads the BLAS threads numpy used, as the script saw them
     * @param epochSeconds the wall time of each epoch's training loop
     * @param finalLoss the last epoch's mean batch loss
     * @param testAccuracy the test accuracy, NaN for a task without one
     */
    record Result(String threads, double[] epochSeconds, double finalLoss, double testAccuracy) {}

    /**
     * The script under the project's root ({@value #HOME_PROPERTY}, else the working directory).
     */
    static Path defaultScript() {
        String home = System.getProperty(HOME_PROPERTY);
        return home != null ? Path.of(home).resolve(SCRIPT) : SCRIPT;
    }

    /**
     * Why the reference cannot run here (no script, no interpreter, no numpy), or empty if it can.
     */
    Optional<String> unavailableReason() {
        if (!Files.isRegularFile(script)) {
            return Optional.of(script.toAbsolutePath() + " is missing; pass --numpy-script FILE");
        }
        try {
            Process probe =
                    new ProcessBuilder(python, "-c", "import numpy")
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .start();
            if (!probe.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
                probe.destroyForcibly();
                return Optional.of(python + " did not answer within " + PROBE_SECONDS + " s");
            }
            return probe.exitValue() == 0
                    ? Optional.empty()
                    : Optional.of(python + " cannot import numpy (pip install numpy)");
        } catch (IOException e) {
            return Optional.of(python + " cannot be started: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while probing " + python);
        }
    }

    /**
     * Runs the script with these arguments (after the script's name), echoing its progress lines to
     * {@code progress}, and returns its result.
     *
     * @throws IOException if the script fails or prints no result line; the message holds its exit
     *     code and last output
     */
    Result run(List<String> arguments, PrintWriter progress)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python, script.toString()));
        command.addAll(arguments);
        Process process =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectInput(ProcessBuilder.Redirect.PIPE)
                        .start();
        process.getOutputStream().close();

        String last = "";
        try (BufferedReader lines =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.startsWith("RESULT ")) {
                    progress.println("  numpy: " + line);
                    progress.flush();
                }
                last = line;
            }
        }
        int exit = process.waitFor();
        if (exit != 0 || !last.startsWith("RESULT ")) {
            throw new IOException(
                    String.join(" ", command) + " exited with " + exit + ", last output: " + last);
        }
        return parse(last);
    }

    /** The result line {@code RESULT key=value ...}; see the script's documentation. */
    static Result parse(String line) {
        Map<String, String> fields = new HashMap<>();
        for (String field : line.substring("RESULT ".length()).trim().split("\\s+")) {
            int equals = field.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException(
                        "numpy result field '" + field + "' is not key=value in: " + line);
            }
            fields.put(field.substring(0, equals), field.substring(equals + 1));
        }
        String[] seconds = require(fields, "epoch_seconds", line).split(",");
        double[] epochSeconds = new double[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            epochSeconds[i] = Double.parseDouble(seconds[i]);
        }
        String accuracy = fields.getOrDefault("test_accuracy", "nan").toLowerCase(Locale.ROOT);
        return new Result(
                fields.getOrDefault("threads", ""),
                epochSeconds,
                Double.parseDouble(require(fields, "final_loss", line)),
                accuracy.equals("nan") ? Double.NaN : Double.parseDouble(accuracy));
    }

    private static String require(Map<String, String> fields, String key, String line) {
        String value = fields.get(key);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("numpy result lacks " + key + ": " + line);
        }
        return value;
    }
}

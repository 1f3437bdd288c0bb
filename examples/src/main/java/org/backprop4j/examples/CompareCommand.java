package org.backprop4j.examples;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import org.backprop4j.backend.BackendCandidate;
import org.backprop4j.backend.BackendRegistry;
import org.backprop4j.backend.BackendUnavailableException;
import org.backprop4j.backend.Backends;
import org.backprop4j.data.Dataset;
import org.backprop4j.data.SinData;
import org.backprop4j.data.mnist.MnistDataset;
import org.backprop4j.data.mnist.MnistFetcher;
import org.backprop4j.examples.plot.Bar;
import org.backprop4j.examples.plot.BarChartPlot;
import org.backprop4j.examples.plot.CsvTable;
import org.backprop4j.loss.Loss;
import org.backprop4j.loss.MeanSquaredError;
import org.backprop4j.loss.SoftmaxCrossEntropy;
import org.backprop4j.models.Presets;
import org.backprop4j.nn.Layer;
import org.backprop4j.optim.SGD;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;
import org.backprop4j.train.ClassifierMetrics;
import org.backprop4j.train.EpochResult;
import org.backprop4j.train.Trainer;
import org.backprop4j.train.TrainingHistory;
import org.backprop4j.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * Trains the same model (same seed, so the same initial parameters and the same batches) on every
 * backend, and tabulates speed, memory, results and the distance from the naive reference.
 */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = {
            "Train the same model from the same seed on the same batches on every available"
                    + " backend (or those named) and print one table: time per epoch (the median"
                    + " of the epochs after the first), samples per second, peak heap, final loss,"
                    + " test accuracy, and the largest difference of the final parameters and of"
                    + " the step losses from the naive backend's run in the same data type.",
            "Peak heap: the most heap in use, sampled after every step and just before every"
                    + " garbage collection, after collecting the garbage of earlier runs; native"
                    + " memory is not counted.",
            "With python3 and numpy present, bench/numpy_mnist.py runs the same task as a"
                    + " reference row; its batches and initial parameters are its own."
        })
final class CompareCommand implements Callable<Integer> {
    /** The backend the others are measured against. */
    static final String REFERENCE = "naive";

    @Spec CommandSpec spec;

    @Option(
            names = "--task",
            defaultValue = "both",
            converter = TaskConverter.class,
            paramLabel = "TASK",
            description = "sin, mnist or both. Default: ${DEFAULT-VALUE}.")
    String task;

    @Option(
            names = "--backends",
            split = ",",
            paramLabel = "NAME",
            description = "The backends to compare, e.g. naive,ejml. Default: every available one.")
    List<String> backendNames;

    @Option(
            names = "--dtype",
            defaultValue = "both",
            converter = DTypesConverter.class,
            paramLabel = "TYPE",
            description = "float64, float32 or both. Default: ${DEFAULT-VALUE}.")
    String dtype;

    @Option(
            names = "--epochs",
            description =
                    "Default: the sin and mnist commands' ("
                            + SinCommand.DEFAULT_EPOCHS
                            + " and "
                            + MnistCommand.DEFAULT_EPOCHS
                            + ").")
    Integer epochs;

    @Option(
            names = "--batch-size",
            description =
                    "Default: the whole set for sin, "
                            + MnistCommand.DEFAULT_BATCH_SIZE
                            + " for"
                            + " mnist.")
    Integer batchSize;

    @Option(
            names = "--lr",
            description =
                    "Learning rate. Default: the sin and mnist commands' ("
                            + SinCommand.DEFAULT_LEARNING_RATE
                            + " and "
                            + MnistCommand.DEFAULT_LEARNING_RATE
                            + ").")
    Double learningRate;

    @Option(names = "--seed", defaultValue = "42", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description =
                    "Where the MNIST files are or go. Default: BACKPROP4J_DATA, then"
                            + " ~/.cache/backprop4j/mnist.")
    Path dataDir;

    @Option(
            names = "--output-dir",
            paramLabel = "DIR",
            defaultValue = "out/compare",
            description = "Where the table and chart go. Default: ${DEFAULT-VALUE}.")
    Path outputDir;

    @Option(
            names = "--python",
            paramLabel = "COMMAND",
            defaultValue = "python3",
            description = "The Python that runs the numpy reference. Default: ${DEFAULT-VALUE}.")
    String python;

    @Option(
            names = "--numpy-script",
            paramLabel = "FILE",
            description = "The numpy reference. Default: bench/numpy_mnist.py of the project.")
    Path numpyScript;

    @Option(names = "--no-numpy", description = "Leave out the numpy reference.")
    boolean noNumpy;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Backend> backends = backends(err);
        Optional<NumpyReference> numpy = numpy(err);

        List<String> tasks = task.equals("both") ? List.of("sin", "mnist") : List.of(task);
        List<DType> dtypes =
                dtype.equals("both")
                        ? List.of(DType.FLOAT64, DType.FLOAT32)
                        : List.of(DType.parse(dtype));

        List<ComparisonRow> rows = new ArrayList<>();
        for (String name : tasks) {
            Workload<?> workload = name.equals("sin") ? sin() : mnist(err);
            for (DType type : dtypes) {
                rows.addAll(compare(workload, backends, type, err));
                if (numpy.isPresent()) {
                    rows.add(numpyRow(numpy.get(), workload, type, err));
                }
            }
        }

        Files.createDirectories(outputDir);
        String markdown = markdown(rows);
        Files.writeString(outputDir.resolve("compare.md"), markdown);
        CsvTable csv = new CsvTable(ComparisonRow.HEADER);
        rows.forEach(row -> csv.addRow(row.cells()));
        csv.write(outputDir.resolve("compare.csv"));
        for (String name : tasks) {
            writeChart(name, rows);
        }
        out.print(markdown);
        out.println("wrote compare.md, compare.csv and the charts to " + outputDir);
        out.flush();
        return 0;
    }

    /** The backends to compare, the reference first so that the others can be measured against. */
    private List<Backend> backends(PrintWriter err) {
        BackendRegistry registry = Backends.registry();
        List<Backend> backends = new ArrayList<>();
        if (backendNames != null) {
            for (String name : backendNames) {
                backends.add(registry.get(name));
            }
        } else {
            for (BackendCandidate candidate : registry.candidates()) {
                if (!candidate.availability().isAvailable()) {
                    err.println("compare: leaving out " + candidate);
                    continue;
                }
                try {
                    backends.add(registry.get(candidate.name()));
                } catch (BackendUnavailableException e) {
                    err.println("compare: leaving out " + candidate.name() + ": " + e.getMessage());
                }
            }
        }
        backends.sort(
                (a, b) ->
                        Boolean.compare(!a.name().equals(REFERENCE), !b.name().equals(REFERENCE)));
        if (backends.stream().noneMatch(backend -> backend.name().equals(REFERENCE))) {
            err.println(
                    "compare: the "
                            + REFERENCE
                            + " backend is not among those compared, so no differences are shown");
        }
        err.flush();
        return backends;
    }

    private Optional<NumpyReference> numpy(PrintWriter err) {
        if (noNumpy) {
            return Optional.empty();
        }
        NumpyReference numpy =
                new NumpyReference(
                        python, numpyScript != null ? numpyScript : NumpyReference.defaultScript());
        Optional<String> reason = numpy.unavailableReason();
        reason.ifPresent(why -> err.println("compare: no numpy reference: " + why));
        err.flush();
        return reason.isPresent() ? Optional.empty() : Optional.of(numpy);
    }

    private Workload<?> sin() {
        SinData data = SinData.lesson(seed);
        return new Workload<>(
                "sin",
                data,
                null,
                new MeanSquaredError(),
                (backend, dtype) -> Presets.sin(backend, dtype, Presets.SIN_HIDDEN, seed),
                orDefault(epochs, SinCommand.DEFAULT_EPOCHS),
                batchSize != null ? batchSize : data.size(),
                false,
                learningRate != null
                        ? learningRate
                        : Double.parseDouble(SinCommand.DEFAULT_LEARNING_RATE),
                false);
    }

    private Workload<?> mnist(PrintWriter err) throws IOException {
        MnistDataset mnist =
                MnistDataset.obtain(
                        dataDir,
                        status -> {
                            err.println(status);
                            err.flush();
                        });
        return new Workload<>(
                "mnist",
                mnist.train(),
                mnist.test(),
                new SoftmaxCrossEntropy(),
                (backend, dtype) -> Presets.mnist(backend, dtype, Presets.MNIST_HIDDEN, seed),
                orDefault(epochs, MnistCommand.DEFAULT_EPOCHS),
                orDefault(batchSize, MnistCommand.DEFAULT_BATCH_SIZE),
                true,
                learningRate != null
                        ? learningRate
                        : Double.parseDouble(MnistCommand.DEFAULT_LEARNING_RATE),
                true);
    }

    private static int orDefault(Integer value, String fallback) {
        return value != null ? value : Integer.parseInt(fallback);
    }

    private <Y> List<ComparisonRow> compare(
            Workload<Y> workload, List<Backend> backends, DType dtype, PrintWriter err) {
        List<ComparisonRow> rows = new ArrayList<>();
        Agreement reference = null;
        for (Backend backend : backends) {
            if (!backend.dtypes().contains(dtype)) {
                err.println("compare: " + backend.name() + " does not compute in " + dtype);
                continue;
            }
            String threads = backend.properties().getOrDefault("threads", "");
            err.printf(
                    "compare: %s %s on %s, threads: %s%n",
                    workload.task, dtype, backend.name(), threads.isEmpty() ? "?" : threads);
            err.flush();

            Layer model = workload.model.apply(backend, dtype);
            TrainingHistory history;
            long peakHeap;
            try (HeapPeak heap = HeapPeak.start()) {
                Trainer.Builder<Y> trainer =
                        Trainer.builder(model, workload.loss, new SGD(workload.learningRate))
                                .epochs(workload.epochs)
                                .batchSize(workload.batchSize)
                                .shuffle(workload.shuffle)
                                .seed(seed)
                                .listener(heap);
                if (workload.reportEpochs) {
                    trainer.listener(new EpochLine(err, workload.epochs));
                }
                history = trainer.build().fit(workload.train);
                peakHeap = heap.bytes();
            }

            Agreement agreement = Agreement.of(history, model);
            if (backend.name().equals(REFERENCE)) {
                reference = agreement;
            }
            double[] seconds =
                    history.epochs().stream().mapToDouble(EpochResult::seconds).toArray();
            double secondsPerEpoch = ComparisonRow.secondsPerEpoch(seconds);
            rows.add(
                    new ComparisonRow(
                            workload.task,
                            backend.name(),
                            dtype.toString(),
                            threads,
                            secondsPerEpoch,
                            workload.train.size() / secondsPerEpoch,
                            peakHeap,
                            history.last().meanLoss(),
                            workload.testAccuracy(model),
                            reference != null
                                    ? agreement.parameterDifference(reference)
                                    : Double.NaN,
                            reference != null ? agreement.lossDifference(reference) : Double.NaN));
        }
        return rows;
    }

    private ComparisonRow numpyRow(
            NumpyReference numpy, Workload<?> workload, DType dtype, PrintWriter err)
            throws IOException, InterruptedException {
        err.printf("compare: %s %s on numpy%n", workload.task, dtype);
        err.flush();
        List<String> arguments =
                List.of(
                        MnistFetcher.defaultDirectory(dataDir).toString(),
                        "--task",
                        workload.task,
                        "--dtype",
                        dtype.toString(),
                        "--epochs",
                        String.valueOf(workload.epochs),
                        "--batch-size",
                        String.valueOf(workload.batchSize),
                        "--lr",
                        String.valueOf(workload.learningRate),
                        "--seed",
                        String.valueOf(seed));
        NumpyReference.Result result = numpy.run(arguments, err);
        double secondsPerEpoch = ComparisonRow.secondsPerEpoch(result.epochSeconds());
        return new ComparisonRow(
                workload.task,
                "numpy",
                dtype.toString(),
                result.threads(),
                secondsPerEpoch,
                workload.train.size() / secondsPerEpoch,
                Double.NaN,
                result.finalLoss(),
                result.testAccuracy(),
                Double.NaN,
                Double.NaN);
    }

    private void writeChart(String task, List<ComparisonRow> rows) throws IOException {
        List<Bar> bars = new ArrayList<>();
        for (ComparisonRow row : rows) {
            if (row.task().equals(task)) {
                bars.add(new Bar(row.backend() + " " + row.dtype(), row.secondsPerEpoch()));
            }
        }
        if (!bars.isEmpty()) {
            BarChartPlot.write(
                    outputDir.resolve("compare-" + task + ".png"),
                    task + ": time per epoch (median after the first)",
                    "seconds per epoch",
                    bars);
        }
    }

    /** The rows as a Markdown table under {@link ComparisonRow#HEADER}. */
    static String markdown(List<ComparisonRow> rows) {
        StringBuilder table = new StringBuilder();
        appendMarkdownLine(table, ComparisonRow.HEADER);
        appendMarkdownLine(table, ComparisonRow.HEADER.stream().map(name -> "---").toList());
        for (ComparisonRow row : rows) {
            appendMarkdownLine(table, row.cells());
        }
        return table.toString();
    }

    private static void appendMarkdownLine(StringBuilder table, List<String> cells) {
        table.append('|');
        for (String cell : cells) {
            table.append(' ').append(cell.replace("|", "\\|")).append(" |");
        }
        table.append('\n');
    }

    /**
     * One task as the comparison runs it.
     *
     * @param test the data the accuracy is measured on; null for a task without one
     * @param reportEpochs whether to print a line per epoch (tasks whose epochs take a while)
     */
    private record Workload<Y>(
            String task,
            Dataset<Y> train,
            Dataset<int[]> test,
            Loss<Y> loss,
            BiFunction<Backend, DType, Layer> model,
            int epochs,
            int batchSize,
            boolean shuffle,
            double learningRate,
            boolean reportEpochs) {

        double testAccuracy(Layer trained) {
            return test != null ? ClassifierMetrics.accuracy(trained, test) : Double.NaN;
        }
    }

    /** One line per epoch on standard error, so that long runs show they are alive. */
    private static final class EpochLine implements TrainingListener {
        private final PrintWriter err;
        private final int epochs;

        EpochLine(PrintWriter err, int epochs) {
            this.err = err;
            this.epochs = epochs;
        }

        @Override
        public void onEpochEnd(EpochResult result) {
            err.printf(
                    Locale.ROOT,
                    "  epoch %d/%d  loss %.4f  %.2f s%n",
                    result.epoch(),
                    epochs,
                    result.meanLoss(),
                    result.seconds());
            err.flush();
        }
    }

    /** Accepts {@code sin}, {@code mnist} or {@code both}, in any case. */
    static final class TaskConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String task = value.trim().toLowerCase(Locale.ROOT);
            if (!List.of("sin", "mnist", "both").contains(task)) {
                throw new TypeConversionException(
                        "unknown task '" + value + "'; use sin, mnist or both");
            }
            return task;
        }
    }

    /** Accepts a data type's name or {@code both}. */
    static final class DTypesConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String name = value.trim().toLowerCase(Locale.ROOT);
            if (name.equals("both")) {
                return name;
            }
            try {
                return DType.parse(name).toString();
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage() + "; or use both");
            }
        }
    }
}

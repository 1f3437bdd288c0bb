package org.backprop4j.examples;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.backprop4j.data.mnist.MnistDataset;
import org.backprop4j.data.mnist.MnistSplit;
import org.backprop4j.examples.plot.ConfusionMatrixPlot;
import org.backprop4j.examples.plot.Digit;
import org.backprop4j.examples.plot.DigitGridPlot;
import org.backprop4j.examples.plot.EpochMetrics;
import org.backprop4j.examples.plot.TrainingCurvesPlot;
import org.backprop4j.io.Checkpoints;
import org.backprop4j.io.ModelFiles;
import org.backprop4j.loss.SoftmaxCrossEntropy;
import org.backprop4j.models.Activation;
import org.backprop4j.models.Presets;
import org.backprop4j.models.SavedMlp;
import org.backprop4j.nn.Sequential;
import org.backprop4j.optim.Optimizer;
import org.backprop4j.tensor.Backend;
import org.backprop4j.train.ClassifierMetrics;
import org.backprop4j.train.EpochResult;
import org.backprop4j.train.Trainer;
import org.backprop4j.train.TrainingHistory;
import org.backprop4j.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The lesson's main job: a 784-128-10 ReLU network trained on MNIST with mini-batch SGD, or another
 * optimizer.
 */
@Command(
        name = "mnist",
        mixinStandardHelpOptions = true,
        description = "Train the lesson's 784-128-10 network on MNIST, obtaining the data first.")
final class MnistCommand implements Callable<Integer> {
    /** Chosen from the runs listed in the README's MNIST section. */
    static final String DEFAULT_LEARNING_RATE = "0.5";

    static final String DEFAULT_EPOCHS = "10";

    static final String DEFAULT_BATCH_SIZE = "128";

    /** The test digits shown in digits.png: eight rows of eight. */
    private static final int GRID_DIGITS = 64;

    @Spec CommandSpec spec;
    @Mixin BackendOptions backendOptions;
    @Mixin OptimizerOptions optimizerOptions;

    @Option(
            names = "--epochs",
            defaultValue = DEFAULT_EPOCHS,
            description = "Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(
            names = "--batch-size",
            defaultValue = DEFAULT_BATCH_SIZE,
            description = "Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(
            names = "--hidden",
            defaultValue = "128",
            description = "Hidden width. Default: ${DEFAULT-VALUE}.")
    int hidden;

    @Option(names = "--seed", defaultValue = "42", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--drop-last",
            description = "Skip the last partial batch of each epoch, as the lesson does.")
    boolean dropLast;

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
            defaultValue = "out/mnist",
            description = "Where the history and plots go. Default: ${DEFAULT-VALUE}.")
    Path outputDir;

    @Option(
            names = "--save",
            paramLabel = "FILE",
            description = "Save the model and the optimizer's state (safetensors).")
    Path save;

    @Option(
            names = "--init",
            paramLabel = "FILE",
            description =
                    "Start from the parameters in a saved model instead of random ones, and from"
                            + " the optimizer's state if the file holds it.")
    Path init;

    @Option(
            names = "--reset-optimizer",
            description =
                    "With --init, take only the parameters and start the optimizer afresh, as"
                            + " for a file saved with another optimizer.")
    boolean resetOptimizer;

    @Option(names = "--no-progress", description = "Hide the progress bar.")
    boolean noProgress;

    @Override
    public Integer call() throws IOException {
        if (resetOptimizer && init == null) {
            throw new IllegalArgumentException(
                    "--reset-optimizer applies to the state loaded by --init; give --init FILE"
                            + " or drop it");
        }

        Optimizer optimizer = optimizerOptions.create();
        PrintWriter out = spec.commandLine().getOut();
        Backend backend = backendOptions.resolve();
        MnistDataset mnist = MnistDataset.obtain(dataDir, status -> System.err.println(status));
        MnistSplit train = mnist.train();
        MnistSplit test = mnist.test();

        Sequential model = Presets.mnist(backend, backendOptions.dtype, hidden, seed);
        if (init != null) {
            initialize(model, optimizer, out);
        }
        out.printf(
                "mnist: 784-%d-10 ReLU, softmax cross-entropy, batch %d, %d epochs, %s,"
                        + " backend %s (%s)%n",
                hidden, batchSize, epochs, optimizer, backend.name(), backendOptions.dtype);
        out.flush();

        Trainer.Builder<int[]> builder =
                Trainer.builder(model, new SoftmaxCrossEntropy(), optimizer)
                        .epochs(epochs)
                        .batchSize(batchSize)
                        .dropLast(dropLast)
                        .seed(seed)
                        .metric("train accuracy", m -> ClassifierMetrics.accuracy(m, train))
                        .metric("test accuracy", m -> ClassifierMetrics.accuracy(m, test))
                        .listener(new EpochPrinter(out));
        if (!noProgress) {
            builder.listener(new ProgressListener(System.err, epochs));
        }
        TrainingHistory history = builder.build().fit(train);

        writeReport(model, test, history);
        if (save != null) {
            save(model, optimizer, out);
        }
        double accuracy = history.last().metrics().get("test accuracy");
        double seconds = history.epochs().stream().mapToDouble(EpochResult::seconds).sum();
        out.printf(
                "test accuracy %.2f%% after %d epochs; training took %.1f s%n",
                100 * accuracy, history.epochs().size(), seconds);
        out.flush();
        return 0;
    }

    /** Writes the model, with what rebuilds it and the optimizer's state, to {@link #save}. */
    void save(Sequential model, Optimizer optimizer, PrintWriter out) throws IOException {
        int[] widths = {MnistSplit.ROWS * MnistSplit.COLS, hidden, MnistSplit.CLASSES};
        Checkpoints.save(save, model, optimizer, SavedMlp.metadata(widths, Activation.RELU));
        out.println("saved the model and the optimizer's state to " + save);
    }

    /**
     * Loads {@link #init} into {@code model}, and into {@code optimizer} when the file holds an
     * optimizer's state and {@link #resetOptimizer} is off.
     */
    void initialize(Sequential model, Optimizer optimizer, PrintWriter out) throws IOException {
        if (resetOptimizer || !Checkpoints.holdsOptimizerState(init)) {
            ModelFiles.load(init, model);
            out.println("started from the parameters in " + init);
        } else {
            Checkpoints.load(init, model, optimizer);
            out.println(
                    "resumed from "
                            + init
                            + " after "
                            + optimizer.state().steps()
                            + " optimizer steps");
        }
    }

    /** The history as CSV, and the curves, a grid of test digits and the confusion matrix. */
    private void writeReport(Sequential model, MnistSplit test, TrainingHistory history)
            throws IOException {
        List<EpochMetrics> epochs = new ArrayList<>();
        for (EpochResult result : history.epochs()) {
            epochs.add(
                    new EpochMetrics(
                            result.epoch(),
                            result.meanLoss(),
                            result.metrics().get("train accuracy"),
                            result.metrics().get("test accuracy"),
                            result.seconds()));
        }
        EpochMetrics.table(epochs).write(outputDir.resolve("history.csv"));
        TrainingCurvesPlot.write(outputDir.resolve("curves.png"), epochs);

        ClassifierMetrics metrics = ClassifierMetrics.evaluate(model, test);
        int[] predicted = metrics.predicted();
        List<Digit> digits = new ArrayList<>();
        for (int i = 0; i < GRID_DIGITS; i++) {
            digits.add(new Digit(test.pixels(i), predicted[i], test.label(i)));
        }
        DigitGridPlot.write(outputDir.resolve("digits.png"), digits, 8);
        ConfusionMatrixPlot.write(
                outputDir.resolve("confusion.png"), metrics.confusionMatrix(MnistSplit.CLASSES));
        spec.commandLine()
                .getOut()
                .println(
                        "wrote history.csv, curves.png, digits.png and confusion.png to "
                                + outputDir);
    }

    /** One line per epoch: loss, accuracies, time. */
    private static final class EpochPrinter implements TrainingListener {
        private final PrintWriter out;

        EpochPrinter(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void onEpochEnd(EpochResult result) {
            out.printf(
                    "epoch %2d  loss %.4f  train %.2f%%  test %.2f%%  %.1f s%n",
                    result.epoch(),
                    result.meanLoss(),
                    100 * result.metrics().get("train accuracy"),
                    100 * result.metrics().get("test accuracy"),
                    result.seconds());
            out.flush();
        }
    }
}

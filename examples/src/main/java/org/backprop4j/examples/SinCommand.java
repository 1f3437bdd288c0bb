package org.backprop4j.examples;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.backprop4j.data.Batch;
import org.backprop4j.data.SinData;
import org.backprop4j.examples.plot.Curve;
import org.backprop4j.examples.plot.SinFitPlot;
import org.backprop4j.loss.MeanSquaredError;
import org.backprop4j.models.Presets;
import org.backprop4j.nn.Sequential;
import org.backprop4j.optim.SGD;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.Tensor;
import org.backprop4j.train.EpochResult;
import org.backprop4j.train.Trainer;
import org.backprop4j.train.TrainingHistory;
import org.backprop4j.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The lesson's regression task: fit sin(x) on [-3, 3] with a 1-32-1 ReLU network. */
@Command(
        name = "sin",
        mixinStandardHelpOptions = true,
        description = "Fit sin(x) on 200 points in [-3, 3] with full-batch SGD (the lesson).")
final class SinCommand implements Callable<Integer> {
    /**
     * With exact gradients the lesson's 0.1 diverges here: the lesson divided by the batch size
     * twice, so its real step was 0.1 / 200. Over seeds 1 to 11 and 42, 0.03 and 0.04 diverged on
     * some seeds and 0.02 converged on all (final loss 0.036 to 0.056), so 0.02 it is.
     */
    static final String DEFAULT_LEARNING_RATE = "0.02";

    static final String DEFAULT_EPOCHS = "500";

    @Spec CommandSpec spec;
    @Mixin BackendOptions backendOptions;

    @Option(
            names = "--epochs",
            defaultValue = DEFAULT_EPOCHS,
            description = "Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(
            names = "--lr",
            defaultValue = DEFAULT_LEARNING_RATE,
            description = "Learning rate. Default: ${DEFAULT-VALUE}.")
    double learningRate;

    @Option(
            names = "--hidden",
            defaultValue = "32",
            description = "Hidden width. Default: ${DEFAULT-VALUE}.")
    int hidden;

    @Option(names = "--seed", defaultValue = "42", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--output-dir",
            paramLabel = "DIR",
            defaultValue = "out/sin",
            description = "Where the plot goes. Default: ${DEFAULT-VALUE}.")
    Path outputDir;

    @Option(
            names = "--report-every",
            defaultValue = "100",
            description = "Print the loss every N epochs. Default: ${DEFAULT-VALUE}.")
    int reportEvery;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Backend backend = backendOptions.resolve();
        SinData data = SinData.lesson(seed);
        Sequential model = Presets.sin(backend, backendOptions.dtype, hidden, seed);
        out.printf(
                "sin: 1-%d-1 ReLU, MSE, %d full-batch SGD epochs, lr %s, backend %s (%s)%n",
                hidden, epochs, learningRate, backend.name(), backendOptions.dtype);

        Trainer<Tensor> trainer =
                Trainer.builder(model, new MeanSquaredError(), new SGD(learningRate))
                        .epochs(epochs)
                        .batchSize(data.size())
                        .shuffle(false)
                        .listener(new Reporter(out, reportEvery, epochs))
                        .build();
        long start = System.nanoTime();
        TrainingHistory history = trainer.fit(data);
        double seconds = (System.nanoTime() - start) / 1e9;

        Batch<Tensor> all = data.all(backend, backendOptions.dtype);
        double finalLoss = new MeanSquaredError().value(model.predict(all.inputs()), all.targets());
        writePlot(model, data, history, backend);
        out.printf(
                "final loss %.6f after %d epochs in %.2f s%n",
                finalLoss, history.epochs().size(), seconds);
        out.flush();
        return 0;
    }

    /** The data, the fitted curve over [-3, 3] and the loss per epoch, as sin.png. */
    private void writePlot(Sequential model, SinData data, TrainingHistory history, Backend backend)
            throws IOException {
        int points = 301;
        double[] x = new double[points];
        for (int i = 0; i < points; i++) {
            x[i] =
                    SinData.LESSON_LOW
                            + (SinData.LESSON_HIGH - SinData.LESSON_LOW) * i / (points - 1);
        }
        Tensor inputs = backend.fromArray(x, Shape.of(points, 1), backendOptions.dtype);
        double[] fitted = model.predict(inputs).toDoubleArray();
        double[] losses = history.epochs().stream().mapToDouble(EpochResult::meanLoss).toArray();
        Path file = outputDir.resolve("sin.png");
        SinFitPlot.write(file, new Curve(data.x(), data.y()), new Curve(x, fitted), losses);
        spec.commandLine().getOut().println("wrote " + file);
    }

    /** Prints the loss every {@code every} epochs and at the last. */
    private static final class Reporter implements TrainingListener {
        private final PrintWriter out;
        private final int every;
        private final int last;

        Reporter(PrintWriter out, int every, int last) {
            this.out = out;
            this.every = every;
            this.last = last;
        }

        @Override
        public void onEpochEnd(EpochResult result) {
            if (result.epoch() % every == 0 || result.epoch() == last || result.epoch() == 1) {
                out.printf("epoch %4d  loss %.6f%n", result.epoch(), result.meanLoss());
                out.flush();
            }
        }
    }
}

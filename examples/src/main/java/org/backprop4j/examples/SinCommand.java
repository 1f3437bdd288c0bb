package org.backprop4j.examples;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.backprop4j.data.SinData;
import org.backprop4j.loss.MeanSquaredError;
import org.backprop4j.models.Presets;
import org.backprop4j.nn.Sequential;
import org.backprop4j.optim.SGD;
import org.backprop4j.tensor.Backend;
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
     * twice, so its real step was 0.1 / 200. 0.05 is the largest round rate we found that converges
     * steadily on every seed we tried.
     */
    static final String DEFAULT_LEARNING_RATE = "0.05";

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
            names = "--report-every",
            defaultValue = "100",
            description = "Print the loss every N epochs. Default: ${DEFAULT-VALUE}.")
    int reportEvery;

    @Override
    public Integer call() {
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

        double finalLoss =
                new MeanSquaredError()
                        .value(
                                model.predict(data.all(backend, backendOptions.dtype).inputs()),
                                data.all(backend, backendOptions.dtype).targets());
        out.printf(
                "final loss %.6f after %d epochs in %.2f s%n",
                finalLoss, history.epochs().size(), seconds);
        out.flush();
        return 0;
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

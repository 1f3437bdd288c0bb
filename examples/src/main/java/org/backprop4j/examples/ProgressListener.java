package org.backprop4j.examples;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.backprop4j.train.EpochResult;
import org.backprop4j.train.TrainingListener;

/** A console progress bar for each epoch, on standard error so the results stay clean. */
final class ProgressListener implements TrainingListener {
    private final PrintStream err;
    private final int epochs;
    private ProgressBar bar;
    private double lossSum;

    ProgressListener(PrintStream err, int epochs) {
        this.err = err;
        this.epochs = epochs;
    }

    @Override
    public void onEpochStart(int epoch, int steps) {
        lossSum = 0;
        bar =
                new ProgressBarBuilder()
                        .setTaskName(String.format("epoch %d/%d", epoch, epochs))
                        .setInitialMax(steps)
                        .setStyle(ProgressBarStyle.ASCII)
                        .setUpdateIntervalMillis(250)
                        .setConsumer(new ConsoleProgressBarConsumer(err, 100))
                        .build();
    }

    @Override
    public void onStep(int epoch, int step, double loss) {
        lossSum += loss;
        bar.step();
        bar.setExtraMessage(String.format(" loss %.4f", lossSum / step));
    }

    @Override
    public void onEpochEnd(EpochResult result) {
        bar.close();
    }
}

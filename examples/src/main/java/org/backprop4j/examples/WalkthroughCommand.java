package org.backprop4j.examples;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.backprop4j.check.GradientCheck;
import org.backprop4j.check.GradientCheckReport;
import org.backprop4j.loss.LossResult;
import org.backprop4j.loss.MeanSquaredError;
import org.backprop4j.nn.Linear;
import org.backprop4j.nn.Parameter;
import org.backprop4j.nn.ReLU;
import org.backprop4j.nn.Sequential;
import org.backprop4j.nn.Tape;
import org.backprop4j.optim.SGD;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The lesson's small worked network, 2 inputs, 3 hidden ReLU units and 1 output, trained on one
 * sample with MSE, printed step by step: every forward value, every backward gradient in chain-rule
 * order, each parameter gradient beside its central difference, and one SGD step.
 *
 * <p>Every number printed comes from the framework's own layers, loss, gradient check and optimizer
 * on the selected backend; the formulas beside them are labels only. The weights are fixed and
 * chosen so that the second hidden unit is inactive, which makes the ReLU mask visible in dL/dz1
 * and in the zero column of dL/dW1.
 */
@Command(
        name = "walkthrough",
        mixinStandardHelpOptions = true,
        description =
                "Print the lesson's 2-3-1 network on one sample step by step: forward values,"
                        + " backward gradients checked numerically, and one SGD step.")
final class WalkthroughCommand implements Callable<Integer> {
    private static final double[] INPUT = {1.0, 2.0};
    private static final double[] TARGET = {1.0};
    private static final double[] HIDDEN_WEIGHT = {0.2, -0.4, 0.3, 0.1, 0.3, 0.2};
    private static final double[] HIDDEN_BIAS = {0.1, -0.5, 0.2};
    private static final double[] OUTPUT_WEIGHT = {0.6, -0.5, 0.4};
    private static final double[] OUTPUT_BIAS = {0.1};

    /** Where a formula label ends and its value begins. */
    private static final int VALUE_COLUMN = 40;

    /** The symbols of the lesson for the model's parameter paths. */
    private static final Map<String, String> SYMBOLS =
            Map.of("0.weight", "W1", "0.bias", "b1", "2.weight", "W2", "2.bias", "b2");

    @Spec CommandSpec spec;
    @Mixin BackendOptions backendOptions;

    @Option(
            names = "--lr",
            defaultValue = "0.1",
            description = "Learning rate of the SGD step. Default: ${DEFAULT-VALUE}.")
    double learningRate;

    private PrintWriter out;

    @Override
    public Integer call() {
        if (backendOptions.dtype != DType.FLOAT64) {
            throw new ParameterException(
                    spec.commandLine(),
                    "walkthrough runs in float64 only, got --dtype "
                            + backendOptions.dtype
                            + ": in float32 the numerical check is mostly rounding noise."
                            + " Drop the --dtype option.");
        }
        SGD optimizer = new SGD(learningRate);
        out = spec.commandLine().getOut();
        Backend backend = backendOptions.resolve();
        Tensor x = backend.fromArray(INPUT, Shape.of(1, 2), DType.FLOAT64);
        Tensor t = backend.fromArray(TARGET, Shape.of(1, 1), DType.FLOAT64);
        Linear hidden =
                new Linear(
                        backend.fromArray(HIDDEN_WEIGHT, Shape.of(2, 3), DType.FLOAT64),
                        backend.fromArray(HIDDEN_BIAS, Shape.of(1, 3), DType.FLOAT64));
        ReLU relu = new ReLU();
        Linear output =
                new Linear(
                        backend.fromArray(OUTPUT_WEIGHT, Shape.of(3, 1), DType.FLOAT64),
                        backend.fromArray(OUTPUT_BIAS, Shape.of(1, 1), DType.FLOAT64));
        Sequential model = new Sequential(hidden, relu, output);
        MeanSquaredError mse = new MeanSquaredError();

        // The check overwrites the gradients, so it runs first and the SGD step below uses the
        // gradients of the backward pass that is printed.
        GradientCheckReport check = GradientCheck.withDefaults().network(model, mse, x, t);
        model.parameters().forEach(Parameter::zeroGradient);

        printf(
                "walkthrough: the lesson's 2-3-1 network on one sample, MSE loss, backend %s"
                        + " (float64)%n%n",
                backend.name());
        printf("Given%n");
        printValue("x   input", x);
        printValue("t   target", t);
        printValue("W1  hidden weight", hidden.weight().value());
        printValue("b1  hidden bias", hidden.bias().value());
        printValue("W2  output weight", output.weight().value());
        printValue("b2  output bias", output.bias().value());

        // The model's layers run one at a time, in the order Sequential.forward runs them, so
        // that every intermediate value can be printed.
        Tape tape = Tape.recording();
        Tensor z1 = hidden.forward(x, tape);
        Tensor h = relu.forward(z1, tape);
        Tensor y = output.forward(h, tape);
        LossResult loss = mse.evaluate(y, t);
        printf("%nForward pass  (Linear -> ReLU -> Linear, then the loss)%n");
        printValue("z1 = x W1 + b1", z1);
        printValue("h  = relu(z1) = max(z1, 0)", h);
        printValue("y  = h W2 + b2", y);
        printScalar("L  = mean((y - t)^2)", loss.value());

        Tensor dy = loss.gradient();
        Tensor dh = output.backward(dy, tape);
        Tensor dz1 = relu.backward(dh, tape);
        hidden.backward(dz1, tape);
        printf("%nBackward pass  (chain rule, from the loss back to the first layer)%n");
        printValue("dL/dy  = 2 (y - t) / n,  n = 1", dy);
        printValue("dL/dW2 = h^T dL/dy", output.weight().gradient());
        printValue("dL/db2 = dL/dy", output.bias().gradient());
        printValue("dL/dh  = dL/dy W2^T", dh);
        printValue("mask   = 1[z1 > 0]   (relu')", backend.greaterThan(z1, 0));
        printValue("dL/dz1 = dL/dh * mask  (elementwise)", dz1);
        printValue("dL/dW1 = x^T dL/dz1", hidden.weight().gradient());
        printValue("dL/db1 = dL/dz1", hidden.bias().gradient());

        printf(
                "%nGradient check  (numerical = (L(p + e) - L(p - e)) / 2e, e = 1e-6,"
                        + " through the layers' forward)%n");
        printf("  %-10s%18s%18s%16s%n", "entry", "analytic", "numerical", "difference");
        for (GradientCheckReport.Entry entry : parameterEntries(check)) {
            printf(
                    "  %-10s%18.10f%18.10f%16.2e%n",
                    entry.location(),
                    entry.analytic(),
                    entry.numerical(),
                    entry.analytic() - entry.numerical());
        }

        optimizer.step(model.parameters());
        Tensor yAfter = model.predict(x);
        double lossAfter = mse.value(yAfter, t);
        printf("%nOne SGD step  (p <- p - lr dL/dp, lr = %s)%n", learningRate);
        printValue("W1", hidden.weight().value());
        printValue("b1", hidden.bias().value());
        printValue("W2", output.weight().value());
        printValue("b2", output.bias().value());
        printValue("y  = relu(x W1 + b1) W2 + b2", yAfter);
        printScalar("L before the step", loss.value());
        printScalar("L after the step", lossAfter);
        printf(
                "%nThe loss went %s by %.8f.%n",
                lossAfter < loss.value() ? "down" : "up", Math.abs(loss.value() - lossAfter));
        out.flush();
        return 0;
    }

    /** The parameter entries of the check, named by the lesson's symbols, in model order. */
    private static List<GradientCheckReport.Entry> parameterEntries(GradientCheckReport check) {
        return check.entries().stream()
                .filter(entry -> SYMBOLS.containsKey(tensorName(entry)))
                .map(
                        entry ->
                                new GradientCheckReport.Entry(
                                        SYMBOLS.get(tensorName(entry))
                                                + entry.location()
                                                        .substring(tensorName(entry).length()),
                                        entry.analytic(),
                                        entry.numerical(),
                                        entry.error()))
                .toList();
    }

    private static String tensorName(GradientCheckReport.Entry entry) {
        int bracket = entry.location().indexOf('[');
        return bracket < 0 ? entry.location() : entry.location().substring(0, bracket);
    }

    /** A label, then the tensor one matrix row per line, the rows aligned under each other. */
    private void printValue(String label, Tensor tensor) {
        double[] values = tensor.toDoubleArray();
        int cols = tensor.cols();
        for (int row = 0; row < tensor.rows(); row++) {
            StringBuilder line = new StringBuilder("[");
            for (int col = 0; col < cols; col++) {
                line.append(
                        String.format(Locale.ROOT, "%9.4f", displayed(values[row * cols + col])));
            }
            printf("  %-" + (VALUE_COLUMN - 2) + "s%s ]%n", row == 0 ? label : "", line);
        }
    }

    private void printScalar(String label, double value) {
        printf("  %-" + (VALUE_COLUMN - 2) + "s%.8f%n", label, value);
    }

    /**
     * The value as shown: a product with an inactive unit's zero is -0.0 when the other factor is
     * negative, and "-0.0000" would read as a tiny negative gradient.
     */
    private static double displayed(double value) {
        return value == 0 ? 0.0 : value;
    }

    private void printf(String format, Object... args) {
        out.printf(Locale.ROOT, format, args);
    }
}

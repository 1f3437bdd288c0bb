package org.backprop4j.nn;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.ShapeMismatchException;
import org.backprop4j.tensor.Tensor;

/**
 * Batch normalization over features (Ioffe and Szegedy, "Batch normalization: accelerating deep
 * network training by reducing internal covariate shift", ICML 2015), as PyTorch's {@code
 * BatchNorm1d} computes it.
 *
 * <p>Shapes: input and output {@code batch x features}; the parameters {@code gamma} (scale,
 * initially 1) and {@code beta} (shift, initially 0) and the buffers {@code running_mean}
 * (initially 0) and {@code running_var} (initially 1) are {@code 1 x features}. Forward: {@code y =
 * gamma * xhat + beta} with {@code xhat = (x - mean) / sqrt(var + epsilon)}, per feature.
 *
 * <ul>
 *   <li>On a {@link Tape#isTraining() training} tape, {@code mean} and {@code var} are the batch's
 *       mean and biased variance (divided by {@code batch}), and forward then updates the running
 *       statistics with PyTorch's convention for {@code momentum}: {@code running = (1 - momentum)
 *       * running + momentum * batchStatistic}, where the variance that enters {@code running_var}
 *       is the unbiased one (divided by {@code batch - 1}). So a batch needs at least 2 rows.
 *       Backward is the full gradient through the batch statistics: with {@code g = dL/dy * gamma}
 *       and means over the batch, {@code dL/dx = (g - mean(g) - xhat * mean(g * xhat)) / sqrt(var +
 *       epsilon)}.
 *   <li>On any other tape, {@code mean} and {@code var} are the running statistics, which are only
 *       read, and {@code dL/dx = dL/dy * gamma / sqrt(running_var + epsilon)}.
 * </ul>
 *
 * <p>Either way {@code dL/dgamma += sum over the batch of dL/dy * xhat} and {@code dL/dbeta += sum
 * over the batch of dL/dy}. The parameters are named "gamma" and "beta" in {@link
 * #namedParameters()}, the buffers "running_mean" and "running_var" in {@link #namedBuffers()}.
 *
 * <p>Threads: a training forward writes the running statistics, an inference forward reads them.
 * Training passes on several threads at once update them one at a time, so no update is lost, but
 * an inference pass running during a training pass may read a half-updated pair: as with parameters
 * and optimizers, do not predict with a layer on one thread while training it on another. Inference
 * passes alone may run on any number of threads.
 */
public final class BatchNorm implements Layer {
    /** PyTorch's default epsilon. */
    public static final double DEFAULT_EPSILON = 1e-5;

    /** PyTorch's default momentum: the weight of each new batch in the running statistics. */
    public static final double DEFAULT_MOMENTUM = 0.1;

    private final Parameter gamma;
    private final Parameter beta;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private final double epsilon;
    private final double momentum;
    private final Object statisticsLock = new Object();

    private BatchNorm(Backend backend, DType dtype, int features, double epsilon, double momentum) {
        Shape row = Shape.of(1, features);
        this.gamma = new Parameter("gamma", filled(backend, row, dtype, 1));
        this.beta = new Parameter("beta", backend.zeros(row, dtype));
        this.runningMean = backend.zeros(row, dtype);
        this.runningVar = filled(backend, row, dtype, 1);
        this.epsilon = epsilon;
        this.momentum = momentum;
    }

    /**
     * A layer over {@code features} columns with epsilon {@value #DEFAULT_EPSILON} and momentum
     * {@value #DEFAULT_MOMENTUM}.
     */
    public static BatchNorm create(Backend backend, DType dtype, int features) {
        return create(backend, dtype, features, DEFAULT_EPSILON, DEFAULT_MOMENTUM);
    }

    /**
     * A layer over {@code features} columns, in PyTorch's argument order.
     *
     * @param epsilon added to the variance before its square root; positive
     * @param momentum the weight of each training batch in the running statistics, in [0, 1]
     * @throws IllegalArgumentException if a value is out of range
     */
    public static BatchNorm create(
            Backend backend, DType dtype, int features, double epsilon, double momentum) {
        if (features <= 0) {
            throw new IllegalArgumentException(
                    "BatchNorm: the number of features must be positive, got " + features);
        }
        if (!(epsilon > 0 && epsilon < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(
                    "BatchNorm: epsilon must be positive and finite, got "
                            + epsilon
                            + "; it keeps the division finite for a feature of zero variance");
        }
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException(
                    "BatchNorm: momentum must be in [0, 1], got "
                            + momentum
                            + "; it is the weight of each new batch in the running statistics");
        }
        return new BatchNorm(backend, dtype, features, epsilon, momentum);
    }

    public Parameter gamma() {
        return gamma;
    }

    public Parameter beta() {
        return beta;
    }

    /** The running mean, {@code 1 x features}; the layer's own tensor, not a copy. */
    public Tensor runningMean() {
        return runningMean;
    }

    /** The running (unbiased) variance, {@code 1 x features}; the layer's own tensor. */
    public Tensor runningVar() {
        return runningVar;
    }

    public int features() {
        return gamma.shape().cols();
    }

    public double epsilon() {
        return epsilon;
    }

    public double momentum() {
        return momentum;
    }

    @Override
    public Tensor forward(Tensor input, Tape tape) {
        if (input.cols() != features()) {
            throw new ShapeMismatchException(
                    this + ".forward",
                    input.shape(),
                    gamma.shape(),
                    "input columns must equal the features");
        }
        Backend backend = input.backend();
        Tensor mean;
        Tensor variance;
        if (tape.isTraining()) {
            int batch = requireTrainingBatch(input);
            mean = backend.scale(backend.sumColumns(input), 1.0 / batch);
            Tensor centered = backend.sub(input, mean);
            variance =
                    backend.scale(backend.sumColumns(backend.mul(centered, centered)), 1.0 / batch);
            updateRunningStatisticsInPlace(mean, variance, batch);
        } else {
            mean = runningMean;
            variance = runningVar;
        }

        Tensor deviation = backend.sqrt(backend.affine(variance, 1, epsilon));
        Tensor normalized = backend.div(backend.sub(input, mean), deviation);
        tape.save(this, new Pass(normalized, deviation, tape.isTraining()));
        return backend.add(backend.mul(normalized, gamma.value()), beta.value());
    }

    @Override
    public Tensor backward(Tensor gradOutput, Tape tape) {
        Pass pass = tape.restore(this, Pass.class);
        Tensor normalized = pass.normalized();
        Layers.requireGradientShape(this, gradOutput, normalized.shape());
        Backend backend = gradOutput.backend();

        backend.addScaledInPlace(
                gamma.gradient(), 1, backend.sumColumns(backend.mul(gradOutput, normalized)));
        backend.addScaledInPlace(beta.gradient(), 1, backend.sumColumns(gradOutput));

        Tensor gradNormalized = backend.mul(gradOutput, gamma.value());
        if (!pass.batchStatistics()) {
            return backend.div(gradNormalized, pass.deviation());
        }
        // The batch mean and variance depend on every row, so each row's gradient loses the part
        // of g shared by the batch and the part along xhat.
        double perRow = 1.0 / normalized.rows();
        Tensor meanGrad = backend.scale(backend.sumColumns(gradNormalized), perRow);
        Tensor meanGradAlongNormalized =
                backend.scale(backend.sumColumns(backend.mul(gradNormalized, normalized)), perRow);
        Tensor centered =
                backend.sub(
                        backend.sub(gradNormalized, meanGrad),
                        backend.mul(normalized, meanGradAlongNormalized));
        return backend.div(centered, pass.deviation());
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(gamma, beta);
    }

    @Override
    public Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> buffers = new LinkedHashMap<>();
        buffers.put("running_mean", runningMean);
        buffers.put("running_var", runningVar);
        return buffers;
    }

    @Override
    public String toString() {
        return "BatchNorm(" + features() + ")";
    }

    private int requireTrainingBatch(Tensor input) {
        if (input.rows() < 2) {
            throw new IllegalArgumentException(
                    this
                            + ".forward: a training batch of "
                            + input.shape()
                            + " has one row, whose variance is zero and gives no unbiased estimate"
                            + " for the running variance; train with at least 2 rows per batch,"
                            + " or predict with an inference tape");
        }
        return input.rows();
    }

    private void updateRunningStatisticsInPlace(Tensor mean, Tensor variance, int batch) {
        Backend backend = runningMean.backend();
        double unbiased = (double) batch / (batch - 1);
        synchronized (statisticsLock) {
            backend.scaleInPlace(runningMean, 1 - momentum);
            backend.addScaledInPlace(runningMean, momentum, mean);
            backend.scaleInPlace(runningVar, 1 - momentum);
            backend.addScaledInPlace(runningVar, momentum * unbiased, variance);
        }
    }

    private static Tensor filled(Backend backend, Shape shape, DType dtype, double value) {
        double[] values = new double[Math.toIntExact(shape.size())];
        Arrays.fill(values, value);
        return backend.fromArray(values, shape, dtype);
    }

    /**
     * What backward needs: {@code xhat}, {@code sqrt(var + epsilon)}, and whether they came from
     * the batch (training) or the running statistics.
     */
    private record Pass(Tensor normalized, Tensor deviation, boolean batchStatistics) {}
}

package org.backprop4j.data;

import java.util.Objects;
import org.backprop4j.random.PortableRandom;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.Tensor;

/**
 * The lesson's regression task: points {@code x} drawn uniformly from an interval, targets {@code
 * sin(x)}. One input and one output per sample.
 */
public final class SinData implements Dataset<Tensor> {
    /** The lesson's task: 200 points in [-3, 3]. */
    public static final int LESSON_SIZE = 200;

    public static final double LESSON_LOW = -3;
    public static final double LESSON_HIGH = 3;

    private final double[] x;
    private final double[] y;

    private SinData(double[] x) {
        this.x = x;
        this.y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.sin(x[i]);
        }
    }

    /** {@code count} points uniform in {@code [low, high)}, drawn from {@code seed}. */
    public static SinData generate(int count, double low, double high, long seed) {
        if (count <= 0 || !(low < high)) {
            throw new IllegalArgumentException(
                    "Need a positive count and low < high, got "
                            + count
                            + ", "
                            + low
                            + ", "
                            + high);
        }
        PortableRandom random = new PortableRandom(seed);
        double[] x = new double[count];
        for (int i = 0; i < count; i++) {
            x[i] = low + (high - low) * random.nextDouble();
        }
        return new SinData(x);
    }

    /** The lesson's 200 points in [-3, 3]. */
    public static SinData lesson(long seed) {
        return generate(LESSON_SIZE, LESSON_LOW, LESSON_HIGH, seed);
    }

    /** The inputs, a copy. */
    public double[] x() {
        return x.clone();
    }

    /** The targets {@code sin(x)}, a copy. */
    public double[] y() {
        return y.clone();
    }

    @Override
    public int size() {
        return x.length;
    }

    @Override
    public int features() {
        return 1;
    }

    @Override
    public Batch<Tensor> batch(int[] indices, Backend backend, DType dtype) {
        Objects.requireNonNull(backend, "backend");
        double[] inputs = new double[indices.length];
        double[] targets = new double[indices.length];
        for (int row = 0; row < indices.length; row++) {
            Objects.checkIndex(indices[row], x.length);
            inputs[row] = x[indices[row]];
            targets[row] = y[indices[row]];
        }
        Shape shape = Shape.of(indices.length, 1);
        return new Batch<>(
                backend.fromArray(inputs, shape, dtype), backend.fromArray(targets, shape, dtype));
    }
}

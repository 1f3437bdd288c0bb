package org.backprop4j.inference;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import org.backprop4j.backend.BackendUnavailableException;
import org.backprop4j.backend.Backends;
import org.backprop4j.io.ModelFileException;
import org.backprop4j.models.SavedMlp;
import org.backprop4j.nn.Layer;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.Tensor;
import org.backprop4j.tensor.TensorScope;

/**
 * A trained model loaded from a model file, predicting from plain Java arrays.
 *
 * <p>A row is one example: {@link #inputWidth()} values in the order the model was trained on.
 * Every prediction comes in three forms, each for one row or for many rows at once, from {@code
 * double} or {@code float} values (floats widen to double exactly):
 *
 * <ul>
 *   <li>{@link #outputs} — the model's raw outputs, {@link #outputWidth()} per row (for a
 *       classifier, the logits);
 *   <li>{@link #probabilities} — the softmax of the outputs, which sums to one per row;
 *   <li>{@link #predictClass} and {@link #predictClasses} — the index of the largest output, the
 *       first one on ties.
 * </ul>
 *
 * <p>Results are fresh arrays that the caller owns; input arrays are only read.
 *
 * <p><b>Threads.</b> A predictor never changes after {@link #load}: any number of threads may call
 * any of its methods at once. Each call runs its own forward pass on {@link
 * org.backprop4j.nn.Tape#inference()}, which records nothing, and copies its results out before it
 * returns, so calls share only the parameters, which they read. Hand a loaded predictor to other
 * threads the usual way (a final field, an executor, a concurrent collection); from then on the
 * result for an input does not depend on what other threads do at the same time, which the tests
 * hold to bit-for-bit equality on every shipped backend. A row predicted alone and the same row in
 * a batch may differ in the last bits on backends whose kernels depend on the batch size.
 *
 * <p><b>Memory.</b> Each call frees its temporary tensors before it returns (through the backend's
 * {@link TensorScope}), so native memory stays flat however many predictions are made. The
 * parameters themselves are freed by the garbage collector once the predictor is unreachable, on
 * native backends too (their tensors outside a scope release their native memory when collected);
 * that is why this class needs no {@code close}.
 *
 * <p><b>Errors.</b> A row of the wrong width, a {@code null} row, or a value that is NaN or
 * infinite is refused before any work is done, with a message naming the row and what to change.
 *
 * <p>Stability: stable.
 */
public final class Predictor {
    private final Path file;
    private final Backend backend;
    private final SavedMlp saved;
    private final Layer model;

    private Predictor(Path file, Backend backend, SavedMlp saved) {
        this.file = file;
        this.backend = backend;
        this.saved = saved;
        this.model = saved.model();
    }

    /**
     * Loads {@code file} on the backend the registry selects: the one named by the system property
     * {@code backprop4j.backend} or the environment variable {@code BACKPROP4J_BACKEND}, else the
     * available backend of highest priority (see {@link Backends#selected()}).
     *
     * @throws NoSuchFileException naming the file when there is none
     * @throws ModelFileException naming the file when it is corrupt or does not describe a model
     * @throws IOException when the file cannot be read
     */
    public static Predictor load(Path file) throws IOException {
        return load(file, Backends.selected());
    }

    /**
     * Loads {@code file} on the backend called {@code backendName}, such as {@code naive} or {@code
     * ejml}.
     *
     * @throws BackendUnavailableException if no backend has that name or it cannot start here; the
     *     message lists the backends there are
     * @throws NoSuchFileException naming the file when there is none
     * @throws ModelFileException naming the file when it is corrupt or does not describe a model
     * @throws IOException when the file cannot be read
     */
    public static Predictor load(Path file, String backendName) throws IOException {
        Objects.requireNonNull(backendName, "backendName");
        return load(file, Backends.get(backendName));
    }

    /**
     * Loads {@code file} on {@code backend}, in the data type the file stores, or in float64 when
     * the backend does not store that type (see {@link SavedMlp#load(Path, Backend)}).
     *
     * <p>Call it outside any {@link TensorScope} of your own on this thread: the parameters are
     * created on the calling thread, and a scope would free them when it closes.
     *
     * @throws NoSuchFileException naming the file when there is none
     * @throws ModelFileException naming the file when it is corrupt or does not describe a model
     * @throws IOException when the file cannot be read
     */
    public static Predictor load(Path file, Backend backend) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(backend, "backend");
        return new Predictor(file, backend, SavedMlp.load(file, backend));
    }

    /**
     * As {@link #load(Path, Backend)}, with the parameters converted to {@code dtype}.
     *
     * @throws UnsupportedOperationException if {@code backend} does not store {@code dtype}
     */
    public static Predictor load(Path file, Backend backend, DType dtype) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(dtype, "dtype");
        return new Predictor(file, backend, SavedMlp.load(file, backend, dtype));
    }

    /** The values one row of input holds. */
    public int inputWidth() {
        return saved.inputWidth();
    }

    /** The values one row of {@link #outputs} holds: for a classifier, the number of classes. */
    public int outputWidth() {
        return saved.outputWidth();
    }

    /** The backend the parameters live on. */
    public Backend backend() {
        return backend;
    }

    /** The data type the model computes in. */
    public DType dtype() {
        return saved.dtype();
    }

    /** The file the model was loaded from. */
    public Path file() {
        return file;
    }

    /** The architecture as a person writes it, such as {@code mlp 784-128-10 relu}. */
    public String describe() {
        return saved.describe();
    }

    /** The raw outputs for one row: {@link #outputWidth()} values. */
    public double[] outputs(double[] row) {
        return run(single(row), false);
    }

    /** The raw outputs for one row of floats. */
    public double[] outputs(float[] row) {
        return run(single(widen(row, -1)), false);
    }

    /** The raw outputs for each row, in order. */
    public double[][] outputs(double[][] rows) {
        return split(run(batch(rows), false), rows.length);
    }

    /** The raw outputs for each row of floats, in order. */
    public double[][] outputs(float[][] rows) {
        return outputs(widen(rows));
    }

    /** The softmax of the outputs for one row: probabilities that sum to one. */
    public double[] probabilities(double[] row) {
        return run(single(row), true);
    }

    /** The softmax of the outputs for one row of floats. */
    public double[] probabilities(float[] row) {
        return run(single(widen(row, -1)), true);
    }

    /** The softmax of the outputs for each row, in order. */
    public double[][] probabilities(double[][] rows) {
        return split(run(batch(rows), true), rows.length);
    }

    /** The softmax of the outputs for each row of floats, in order. */
    public double[][] probabilities(float[][] rows) {
        return probabilities(widen(rows));
    }

    /** The index of the largest output for one row, the first one on ties. */
    public int predictClass(double[] row) {
        return classes(single(row))[0];
    }

    /** The index of the largest output for one row of floats. */
    public int predictClass(float[] row) {
        return classes(single(widen(row, -1)))[0];
    }

    /** The index of the largest output for each row, in order. */
    public int[] predictClasses(double[][] rows) {
        return classes(batch(rows));
    }

    /** The index of the largest output for each row of floats, in order. */
    public int[] predictClasses(float[][] rows) {
        return predictClasses(widen(rows));
    }

    @Override
    public String toString() {
        return "Predictor["
                + describe()
                + " from "
                + file
                + " on "
                + backend.name()
                + ", "
                + dtype()
                + "]";
    }

    // The scope exists only to free the call's tensors on native backends.
    @SuppressWarnings("try")
    private double[] run(Rows rows, boolean softmax) {
        if (rows.count() == 0) {
            return new double[0];
        }
        try (TensorScope scope = backend.openScope()) {
            Tensor outputs = model.predict(input(rows));
            return backend.toDoubleArray(softmax ? backend.softmaxRows(outputs) : outputs);
        }
    }

    @SuppressWarnings("try")
    private int[] classes(Rows rows) {
        if (rows.count() == 0) {
            return new int[0];
        }
        try (TensorScope scope = backend.openScope()) {
            return backend.argmaxRows(model.predict(input(rows)));
        }
    }

    private Tensor input(Rows rows) {
        return backend.fromArray(rows.values(), Shape.of(rows.count(), inputWidth()), dtype());
    }

    private double[][] split(double[] values, int count) {
        int width = outputWidth();
        double[][] rows = new double[count][];
        for (int i = 0; i < count; i++) {
            rows[i] = new double[width];
            System.arraycopy(values, i * width, rows[i], 0, width);
        }
        return rows;
    }

    private Rows single(double[] row) {
        check(row, -1);
        return new Rows(row, 1);
    }

    private Rows batch(double[][] rows) {
        Objects.requireNonNull(rows, "rows");
        int width = inputWidth();
        double[] values = new double[Math.multiplyExact(rows.length, width)];
        for (int i = 0; i < rows.length; i++) {
            check(rows[i], i);
            System.arraycopy(rows[i], 0, values, i * width, width);
        }
        return new Rows(values, rows.length);
    }

    /**
     * Refuses a row that is null, of the wrong width or holding a value that is not finite.
     *
     * @param index the row's place in its batch, or -1 for a row given alone
     */
    private void check(double[] row, int index) {
        if (row == null) {
            throw new NullPointerException(name(index) + " is null; give " + expected());
        }
        if (row.length != inputWidth()) {
            throw new IllegalArgumentException(
                    name(index)
                            + " has "
                            + row.length
                            + " values, but "
                            + this
                            + " takes "
                            + inputWidth()
                            + " per row; give "
                            + expected());
        }
        for (int column = 0; column < row.length; column++) {
            if (!Double.isFinite(row[column])) {
                throw new IllegalArgumentException(
                        name(index)
                                + " holds "
                                + row[column]
                                + " at index "
                                + column
                                + "; the model takes finite numbers only, so replace missing or"
                                + " undefined values before predicting");
            }
        }
    }

    private double[][] widen(float[][] rows) {
        Objects.requireNonNull(rows, "rows");
        double[][] widened = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            widened[i] = widen(rows[i], i);
        }
        return widened;
    }

    private double[] widen(float[] row, int index) {
        if (row == null) {
            throw new NullPointerException(name(index) + " is null; give " + expected());
        }
        double[] widened = new double[row.length];
        for (int i = 0; i < row.length; i++) {
            widened[i] = row[i];
        }
        return widened;
    }

    private static String name(int index) {
        return index < 0 ? "The row" : "Row " + index;
    }

    private String expected() {
        return inputWidth() + " values per row, in the order the model was trained on";
    }

    /** Rows laid end to end, row-major: {@code count * inputWidth()} values. */
    private record Rows(double[] values, int count) {}
}

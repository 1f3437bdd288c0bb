package org.backprop4j.data.mnist;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.backprop4j.data.Batch;
import org.backprop4j.data.Dataset;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.Tensor;

/**
 * One part of MNIST, train or test: {@link #count()} images of 28 x 28 pixels, one byte each, and
 * their labels, digits 0 to 9.
 *
 * <p>A training loop picks the samples of a batch by index and asks for their pixels scaled to [0,
 * 1], row-major, {@code batch x 784}, the layout {@code Backend.fromArray} takes, and for their
 * labels as class indices.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class MnistSplit implements Dataset<int[]> {
    /** The height of an MNIST image. */
    public static final int ROWS = 28;

    /** The width of an MNIST image. */
    public static final int COLS = 28;

    /** The number of classes, the digits 0 to 9. */
    public static final int CLASSES = 10;

    private final IdxImages images;
    private final int[] labels;

    private MnistSplit(IdxImages images, int[] labels) {
        this.images = images;
        this.labels = labels;
    }

    /**
     * Pairs images with their labels.
     *
     * @throws IdxFormatException if the images are not 28 x 28, the counts differ, or a label is
     *     above 9; the message names the file and, for a label, its value and index
     */
    public static MnistSplit of(IdxImages images, IdxLabels labels) throws IdxFormatException {
        if (images.rows() != ROWS || images.cols() != COLS) {
            throw new IdxFormatException(
                    images.source(),
                    "images are "
                            + images.rows()
                            + "x"
                            + images.cols()
                            + ", MNIST images are "
                            + ROWS
                            + "x"
                            + COLS);
        }
        if (images.count() != labels.count()) {
            throw new IdxFormatException(
                    labels.source(),
                    "holds "
                            + labels.count()
                            + " labels but "
                            + images.source()
                            + " holds "
                            + images.count()
                            + " images; the two files must come from the same split");
        }
        int[] values = labels.toArray();
        for (int i = 0; i < values.length; i++) {
            if (values[i] >= CLASSES) {
                throw new IdxFormatException(
                        labels.source(),
                        "label "
                                + values[i]
                                + " at index "
                                + i
                                + " is above "
                                + (CLASSES - 1)
                                + "; MNIST labels are digits");
            }
        }
        return new MnistSplit(images, values);
    }

    /** Reads and pairs an images file and a labels file, raw or gzip; see {@link IdxReader}. */
    public static MnistSplit read(Path images, Path labels) throws IOException {
        return of(IdxReader.readImages(images), IdxReader.readLabels(labels));
    }

    /** The number of samples. */
    public int count() {
        return labels.length;
    }

    /** The number of samples, as a {@link Dataset}. */
    @Override
    public int size() {
        return labels.length;
    }

    /** Pixels scaled to [0, 1] as {@code indices.length x 784} inputs, labels as targets. */
    @Override
    public Batch<int[]> batch(int[] indices, Backend backend, DType dtype) {
        double[] pixels = images.pixels(indices);
        int[] targets = new int[indices.length];
        fillLabels(indices, 0, indices.length, targets);
        Tensor inputs = backend.fromArray(pixels, Shape.of(indices.length, features()), dtype);
        return new Batch<>(inputs, targets);
    }

    /** The height of each image, {@value #ROWS}. */
    public int rows() {
        return images.rows();
    }

    /** The width of each image, {@value #COLS}. */
    public int cols() {
        return images.cols();
    }

    /** The pixels of one image, 784: the width of a batch row. */
    @Override
    public int features() {
        return images.features();
    }

    /** The images, one byte per pixel. */
    public IdxImages images() {
        return images;
    }

    /** The digit shown by sample {@code index}. */
    public int label(int index) {
        return labels[index];
    }

    /** All labels, in a new array. */
    public int[] labels() {
        return labels.clone();
    }

    /**
     * Writes the pixels of samples {@code indices[offset .. offset + length)}, scaled to [0, 1],
     * into {@code out[0 .. length * 784)}, one sample per row; see {@link
     * IdxImages#fillPixels(int[], int, int, double[])}.
     */
    public void fillPixels(int[] indices, int offset, int length, double[] out) {
        images.fillPixels(indices, offset, length, out);
    }

    /** As {@link #fillPixels(int[], int, int, double[])}, in single precision. */
    public void fillPixels(int[] indices, int offset, int length, float[] out) {
        images.fillPixels(indices, offset, length, out);
    }

    /** The scaled pixels of the given samples in a new {@code indices.length x 784} array. */
    public double[] pixels(int... indices) {
        return images.pixels(indices);
    }

    /**
     * Writes the labels of samples {@code indices[offset .. offset + length)} into {@code out[0 ..
     * length)}, matching the rows of {@link #fillPixels(int[], int, int, double[])}.
     */
    public void fillLabels(int[] indices, int offset, int length, int[] out) {
        Objects.checkFromIndexSize(offset, length, indices.length);
        Objects.checkFromIndexSize(0, length, out.length);
        for (int b = 0; b < length; b++) {
            out[b] = labels[indices[offset + b]];
        }
    }

    /** The first {@code n} samples, sharing nothing with this split. */
    public MnistSplit first(int n) {
        return new MnistSplit(images.first(n), Arrays.copyOf(labels, n));
    }
}

package org.backprop4j.data.mnist;

import java.util.Arrays;
import java.util.Objects;

/**
 * The images of an IDX file of unsigned bytes with three dimensions (count x rows x cols), kept as
 * one byte per pixel. Pixels leave it scaled to [0, 1] (value / 255), row-major, one image per row
 * of the caller's batch: the layout a {@code Backend} turns into a {@code batch x (rows * cols)}
 * tensor.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class IdxImages {
    private static final double[] SCALED = new double[256];
    private static final float[] SCALED_FLOAT = new float[256];

    static {
        for (int v = 0; v < 256; v++) {
            SCALED[v] = v / 255.0;
            SCALED_FLOAT[v] = (float) (v / 255.0);
        }
    }

    private final String source;
    private final int count;
    private final int rows;
    private final int cols;
    private final byte[] pixels;

    /** Takes ownership of {@code pixels}, which holds {@code count * rows * cols} bytes. */
    IdxImages(String source, int count, int rows, int cols, byte[] pixels) {
        if ((long) count * rows * cols != pixels.length) {
            throw new IllegalArgumentException(
                    count
                            + " images of "
                            + rows
                            + "x"
                            + cols
                            + " need "
                            + (long) count * rows * cols
                            + " bytes, got "
                            + pixels.length);
        }
        this.source = Objects.requireNonNull(source, "source");
        this.count = count;
        this.rows = rows;
        this.cols = cols;
        this.pixels = pixels;
    }

    /** The file or resource the images were read from. */
    public String source() {
        return source;
    }

    /** The number of images. */
    public int count() {
        return count;
    }

    /** The height of each image. */
    public int rows() {
        return rows;
    }

    /** The width of each image. */
    public int cols() {
        return cols;
    }

    /** The number of pixels in one image, {@code rows() * cols()}: a batch row's width. */
    public int features() {
        return rows * cols;
    }

    /** The raw value, 0 to 255, of one pixel. */
    public int pixel(int image, int row, int col) {
        Objects.checkIndex(image, count);
        Objects.checkIndex(row, rows);
        Objects.checkIndex(col, cols);
        return pixels[(image * rows + row) * cols + col] & 0xFF;
    }

    /**
     * Writes the scaled pixels of the images {@code indices[offset .. offset + length)} into {@code
     * out[0 .. length * features())}, one image per row; the rest of {@code out} is untouched.
     *
     * @throws IndexOutOfBoundsException if the range lies outside {@code indices}, an index names
     *     no image, or {@code out} is shorter than {@code length * features()}
     */
    public void fillPixels(int[] indices, int offset, int length, double[] out) {
        int width = features();
        checkBatch(indices, offset, length, out.length);
        for (int b = 0; b < length; b++) {
            int start = indices[offset + b] * width;
            int to = b * width;
            for (int p = 0; p < width; p++) {
                out[to + p] = SCALED[pixels[start + p] & 0xFF];
            }
        }
    }

    /** As {@link #fillPixels(int[], int, int, double[])}, in single precision. */
    public void fillPixels(int[] indices, int offset, int length, float[] out) {
        int width = features();
        checkBatch(indices, offset, length, out.length);
        for (int b = 0; b < length; b++) {
            int start = indices[offset + b] * width;
            int to = b * width;
            for (int p = 0; p < width; p++) {
                out[to + p] = SCALED_FLOAT[pixels[start + p] & 0xFF];
            }
        }
    }

    /**
     * The scaled pixels of the given images in a new {@code indices.length x features()} array; see
     * {@link #fillPixels(int[], int, int, double[])}.
     */
    public double[] pixels(int... indices) {
        double[] out = new double[Math.multiplyExact(indices.length, features())];
        fillPixels(indices, 0, indices.length, out);
        return out;
    }

    /** The first {@code n} images, sharing nothing with this object. */
    public IdxImages first(int n) {
        Objects.checkFromIndexSize(0, n, count);
        return new IdxImages(source, n, rows, cols, Arrays.copyOf(pixels, n * features()));
    }

    private void checkBatch(int[] indices, int offset, int length, int outLength) {
        Objects.checkFromIndexSize(offset, length, indices.length);
        Objects.checkFromIndexSize(0, (long) length * features(), (long) outLength);
        for (int b = offset; b < offset + length; b++) {
            Objects.checkIndex(indices[b], count);
        }
    }
}

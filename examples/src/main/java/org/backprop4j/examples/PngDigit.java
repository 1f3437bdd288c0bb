package org.backprop4j.examples;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A PNG image of any size turned into what an MNIST model takes: {@value #SIDE} x {@value #SIDE}
 * grayscale pixels scaled to [0, 1], a white digit on a black background.
 *
 * <p>The steps: each pixel's luminance ({@code 0.299 R + 0.587 G + 0.114 B} of the stored values;
 * transparent pixels count as white); the image is inverted when its mean luminance is above one
 * half, since a mostly light image is taken to be a dark digit on a light background; it is padded
 * with background to a centred square, so the digit keeps its proportions; and the square is
 * resampled to {@value #SIDE} x {@value #SIDE} by area averaging, each output pixel the mean of the
 * input area it covers, so that thin strokes of a large image are not lost.
 */
final class PngDigit {
    /** The side of an MNIST image. */
    static final int SIDE = 28;

    /** Decoding keeps the whole image in memory; larger images are refused before decoding. */
    static final long MAX_PIXELS = 1L << 25;

    /** The first bytes of every PNG file. */
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final double[] pixels;
    private final boolean inverted;

    private PngDigit(double[] pixels, boolean inverted) {
        this.pixels = pixels;
        this.inverted = inverted;
    }

    /** Whether {@code header}, a file's first bytes, starts with the PNG signature. */
    static boolean isPng(byte[] header) {
        if (header.length < SIGNATURE.length) {
            return false;
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (header[i] != SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads and converts a PNG file.
     *
     * @throws IOException naming the file when it cannot be read or decoded as a PNG image, or is
     *     larger than {@value #MAX_PIXELS} pixels
     */
    static PngDigit read(Path file) throws IOException {
        BufferedImage image = decode(file);
        Luminance luminance = new Luminance(image);
        int width = image.getWidth();
        int height = image.getHeight();
        double total = 0;
        double[] row = new double[width];
        for (int y = 0; y < height; y++) {
            luminance.readRow(y, row);
            for (double value : row) {
                total += value;
            }
        }
        boolean inverted = total / ((double) width * height) > 0.5;

        int side = Math.max(width, height);
        int left = (side - width) / 2;
        int top = (side - height) / 2;
        Box box = Box.of(side);
        double[][] narrowed = new double[side][SIDE];
        for (int y = 0; y < height; y++) {
            luminance.readRow(y, row);
            if (inverted) {
                for (int x = 0; x < width; x++) {
                    row[x] = 1 - row[x];
                }
            }
            box.resample(row, left, narrowed[top + y]);
        }
        double[] pixels = new double[SIDE * SIDE];
        double[] column = new double[side];
        double[] resampled = new double[SIDE];
        for (int x = 0; x < SIDE; x++) {
            for (int y = 0; y < side; y++) {
                column[y] = narrowed[y][x];
            }
            box.resample(column, 0, resampled);
            for (int y = 0; y < SIDE; y++) {
                pixels[y * SIDE + x] = resampled[y];
            }
        }
        return new PngDigit(pixels, inverted);
    }

    /** The {@value #SIDE} x {@value #SIDE} pixels in [0, 1], row-major, in a new array. */
    double[] pixels() {
        return pixels.clone();
    }

    /** Whether the image was inverted because it was mostly light. */
    boolean inverted() {
        return inverted;
    }

    private static BufferedImage decode(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("png");
            if (in == null || !readers.hasNext()) {
                throw new IOException(file + ": this Java runtime cannot read PNG images");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new IOException(
                            String.format(
                                    "%s: the image is %d x %d, more than %d pixels; scale it"
                                            + " down first",
                                    file, reader.getWidth(0), reader.getHeight(0), MAX_PIXELS));
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IIOException e) {
            throw new IOException(
                    file + ": corrupt or truncated PNG image (" + e.getMessage() + ")", e);
        }
    }

    /** Reads rows of an image as luminance in [0, 1], with transparency over white. */
    private static final class Luminance {
        private final BufferedImage image;
        private final Raster raster;
        private final boolean gray;
        private final boolean alpha;
        private final double grayMax;
        private final double alphaMax;
        private final int[] samples;
        private final int[] alphas;

        Luminance(BufferedImage image) {
            ColorModel model = image.getColorModel();
            this.image = image;
            this.raster = image.getRaster();
            // Gray component images are read as stored: converting them to sRGB through getRGB
            // would apply the gray colour space's gamma and change the values.
            this.gray =
                    model instanceof ComponentColorModel
                            && model.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
            this.alpha = model.hasAlpha();
            this.grayMax = (1 << model.getComponentSize(0)) - 1;
            this.alphaMax =
                    alpha ? (1 << model.getComponentSize(model.getNumComponents() - 1)) - 1 : 1;
            this.samples = new int[image.getWidth()];
            this.alphas = new int[image.getWidth()];
        }

        void readRow(int y, double[] out) {
            int width = image.getWidth();
            if (gray) {
                raster.getSamples(0, y, width, 1, 0, samples);
                if (alpha) {
                    raster.getSamples(0, y, width, 1, 1, alphas);
                }
                for (int x = 0; x < width; x++) {
                    double opacity = alpha ? alphas[x] / alphaMax : 1;
                    out[x] = overWhite(samples[x] / grayMax, opacity);
                }
                return;
            }
            image.getRGB(0, y, width, 1, samples, 0, width);
            for (int x = 0; x < width; x++) {
                int argb = samples[x];
                double value =
                        (0.299 * ((argb >> 16) & 0xFF)
                                        + 0.587 * ((argb >> 8) & 0xFF)
                                        + 0.114 * (argb & 0xFF))
                                / 255;
                out[x] = overWhite(value, ((argb >>> 24) & 0xFF) / 255.0);
            }
        }

        private static double overWhite(double value, double opacity) {
            return opacity * value + (1 - opacity);
        }
    }

    /**
     * Area averaging from {@code side} samples to {@value #SIDE}: output {@code t} covers the input
     * interval {@code [t, t + 1) * side / SIDE} and is the mean of the inputs over it, each
     * weighted by how much of it lies inside. Works both ways, for images larger or smaller than
     * {@value #SIDE}.
     */
    private static final class Box {
        private final int[] first;
        private final double[][] weights;

        private Box(int[] first, double[][] weights) {
            this.first = first;
            this.weights = weights;
        }

        static Box of(int side) {
            double scale = side / (double) SIDE;
            int[] first = new int[SIDE];
            double[][] weights = new double[SIDE][];
            for (int t = 0; t < SIDE; t++) {
                double from = t * scale;
                double to = (t + 1) * scale;
                first[t] = (int) Math.floor(from);
                int end = Math.min(side, (int) Math.ceil(to));
                weights[t] = new double[end - first[t]];
                for (int s = first[t]; s < end; s++) {
                    weights[t][s - first[t]] = (Math.min(to, s + 1) - Math.max(from, s)) / scale;
                }
            }
            return new Box(first, weights);
        }

        /**
         * Resamples {@code in}, placed at {@code offset} in a line of {@code side} samples that is
         * background (0) elsewhere, into {@code out}.
         */
        void resample(double[] in, int offset, double[] out) {
            for (int t = 0; t < SIDE; t++) {
                double sum = 0;
                for (int k = 0; k < weights[t].length; k++) {
                    int source = first[t] + k - offset;
                    if (source >= 0 && source < in.length) {
                        sum += weights[t][k] * in[source];
                    }
                }
                out[t] = sum;
            }
        }
    }
}

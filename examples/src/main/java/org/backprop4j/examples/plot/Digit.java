package org.backprop4j.examples.plot;

import java.util.Arrays;

/**
 * One grayscale image with the class a model predicted for it and its true class, a cell of {@link
 * DigitGridPlot}.
 *
 * <p>The pixels are copied in and out, so a digit never changes after construction.
 *
 * @param pixels the intensities row by row of a square image (784 for MNIST's 28 x 28), each in [0,
 *     1], where 0 is background and 1 full ink
 * @param predicted the class the model chose, at least 0
 * @param label the true class, at least 0
 */
public record Digit(double[] pixels, int predicted, int label) {
    /**
     * @throws IllegalArgumentException if the pixels do not form a non-empty square, a pixel lies
     *     outside [0, 1], or a class is negative
     */
    public Digit {
        int side = (int) Math.round(Math.sqrt(pixels.length));
        if (pixels.length == 0 || side * side != pixels.length) {
            throw new IllegalArgumentException(
                    "a digit needs the pixels of a square image, e.g. 784 for 28 x 28; got "
                            + pixels.length);
        }
        for (int i = 0; i < pixels.length; i++) {
            if (!(pixels[i] >= 0 && pixels[i] <= 1)) {
                throw new IllegalArgumentException(
                        "pixel "
                                + i
                                + " is "
                                + pixels[i]
                                + "; scale intensities to [0, 1] (or use Digit.ofBytes)");
            }
        }
        if (predicted < 0 || label < 0) {
            throw new IllegalArgumentException(
                    "classes cannot be negative: predicted " + predicted + ", label " + label);
        }
        pixels = pixels.clone();
    }

    /** A digit from unsigned bytes as stored in MNIST's IDX files, 0 background to 255 full ink. */
    public static Digit ofBytes(byte[] pixels, int predicted, int label) {
        double[] scaled = new double[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            scaled[i] = Byte.toUnsignedInt(pixels[i]) / 255.0;
        }
        return new Digit(scaled, predicted, label);
    }

    @Override
    public double[] pixels() {
        return pixels.clone();
    }

    /** The width and height of the image. */
    public int side() {
        return (int) Math.round(Math.sqrt(pixels.length));
    }

    /** Whether the model predicted the true class. */
    public boolean isCorrect() {
        return predicted == label;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Digit digit
                && predicted == digit.predicted
                && label == digit.label
                && Arrays.equals(pixels, digit.pixels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(pixels) + predicted) + label;
    }

    @Override
    public String toString() {
        return "Digit["
                + side()
                + "x"
                + side()
                + ", predicted "
                + predicted
                + ", label "
                + label
                + "]";
    }
}

package org.backprop4j.examples.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigitGridPlotTest {
    private static final int SIDE = 28;

    @TempDir Path directory;

    @Test
    void writesAnEightByEightGridOfTheComputedSize() throws IOException {
        Path file = directory.resolve("digits.png");

        DigitGridPlot.write(file, digits(64), 8);

        Pngs.readExpectingSize(
                file, DigitGridPlot.width(SIDE, 8), DigitGridPlot.height(SIDE, 64, 8));
        assertEquals(8 * (SIDE * 3 + 12) + 16, DigitGridPlot.width(SIDE, 8));
    }

    @Test
    void leavesTheLastRowPartial() throws IOException {
        Path file = directory.resolve("digits.png");

        DigitGridPlot.write(file, digits(10), 4);

        Pngs.readExpectingSize(
                file, DigitGridPlot.width(SIDE, 4), DigitGridPlot.height(SIDE, 10, 4));
        assertEquals(DigitGridPlot.height(SIDE, 12, 4), DigitGridPlot.height(SIDE, 10, 4));
    }

    @Test
    void framesAWrongPredictionInRedAndARightOneNot() throws IOException {
        List<Digit> digits = digits(16);
        int wrong = 5;
        digits.set(wrong, new Digit(glyph(3), 8, 3));
        Path file = directory.resolve("digits.png");

        DigitGridPlot.write(file, digits, 4);

        BufferedImage image =
                Pngs.readExpectingSize(
                        file, DigitGridPlot.width(SIDE, 4), DigitGridPlot.height(SIDE, 16, 4));
        int red = DigitGridPlot.WRONG_COLOR.getRGB() & 0xFFFFFF;
        assertEquals(red, leftFramePixel(image, wrong, 4));
        for (int right : new int[] {4, 6, 1, 9}) {
            assertNotEquals(red, leftFramePixel(image, right, 4), "cell " + right);
        }
    }

    @Test
    void drawsInkDarkOnWhite() throws IOException {
        double[] half = new double[SIDE * SIDE];
        for (int i = SIDE * SIDE / 2; i < half.length; i++) {
            half[i] = 1;
        }
        Path file = directory.resolve("digit.png");

        DigitGridPlot.write(file, List.of(new Digit(half, 0, 0)), 1);

        BufferedImage image =
                Pngs.readExpectingSize(
                        file, DigitGridPlot.width(SIDE, 1), DigitGridPlot.height(SIDE, 1, 1));
        int left = DigitGridPlot.MARGIN + DigitGridPlot.PADDING + 1;
        int top = DigitGridPlot.HEADER_HEIGHT + DigitGridPlot.MARGIN + DigitGridPlot.PADDING;
        assertEquals(0xFFFFFF, image.getRGB(left, top + 1) & 0xFFFFFF, "background row");
        assertEquals(0x000000, image.getRGB(left, top + SIDE * 3 - 2) & 0xFFFFFF, "ink row");
    }

    @Test
    void scalesBytesAsUnsignedIntensities() {
        byte[] bytes = {0, (byte) 255, (byte) 128, 64};

        Digit digit = Digit.ofBytes(bytes, 1, 2);

        double[] pixels = digit.pixels();
        assertEquals(0.0, pixels[0]);
        assertEquals(1.0, pixels[1]);
        assertEquals(128 / 255.0, pixels[2]);
        assertEquals(2, digit.side());
        assertTrue(!digit.isCorrect());
    }

    @Test
    void refusesDigitsOfDifferentSizes() {
        List<Digit> digits =
                List.of(new Digit(new double[784], 1, 1), new Digit(new double[4], 1, 1));

        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> DigitGridPlot.write(directory.resolve("d.png"), digits, 2));

        assertTrue(e.getMessage().contains("digit 1 is 2 x 2"), e.getMessage());
    }

    @Test
    void refusesPixelsThatAreNotASquareOrOutOfRange() {
        IllegalArgumentException square =
                assertThrows(IllegalArgumentException.class, () -> new Digit(new double[5], 0, 0));
        assertTrue(square.getMessage().contains("got 5"), square.getMessage());

        double[] bright = new double[4];
        bright[2] = 255;
        IllegalArgumentException range =
                assertThrows(IllegalArgumentException.class, () -> new Digit(bright, 0, 0));
        assertTrue(range.getMessage().contains("pixel 2 is 255.0"), range.getMessage());
    }

    @Test
    void refusesNoDigitsAndTooMany() {
        assertThrows(
                IllegalArgumentException.class,
                () -> DigitGridPlot.write(directory.resolve("d.png"), List.of(), 8));
        List<Digit> many = new ArrayList<>();
        for (int i = 0; i <= DigitGridPlot.MAX_DIGITS; i++) {
            many.add(new Digit(new double[1], 0, 0));
        }
        assertThrows(
                IllegalArgumentException.class,
                () -> DigitGridPlot.write(directory.resolve("d.png"), many, 8));
    }

    /** The RGB of a pixel inside the left frame of cell {@code index}, halfway down. */
    private static int leftFramePixel(BufferedImage image, int index, int columns) {
        int x = DigitGridPlot.MARGIN + (index % columns) * DigitGridPlot.cellWidth(SIDE) + 1;
        int y =
                DigitGridPlot.HEADER_HEIGHT
                        + DigitGridPlot.MARGIN
                        + (index / columns) * DigitGridPlot.cellHeight(SIDE)
                        + DigitGridPlot.cellHeight(SIDE) / 2;
        return image.getRGB(x, y) & 0xFFFFFF;
    }

    /** {@code count} digits 0, 1, 2, ... drawn from a font, every seventh predicted wrong. */
    static List<Digit> digits(int count) {
        List<Digit> digits = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int label = i % 10;
            int predicted = i % 7 == 3 ? (label + 1) % 10 : label;
            digits.add(new Digit(glyph(label), predicted, label));
        }
        return digits;
    }

    /** The digit drawn white on black in a 28 x 28 image, as intensities in [0, 1]. */
    static double[] glyph(int digit) {
        PngFile.useHeadlessUnlessSet();
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
        g.drawString(Integer.toString(digit), 8, 22);
        g.dispose();
        double[] pixels = new double[SIDE * SIDE];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = image.getRaster().getSample(i % SIDE, i / SIDE, 0) / 255.0;
        }
        return pixels;
    }
}

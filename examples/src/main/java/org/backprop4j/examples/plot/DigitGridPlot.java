package org.backprop4j.examples.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A grid of images, each with the class a model predicted and the true class beneath it; wrong
 * predictions get a red frame and a red label. Ink is drawn dark on white.
 *
 * <p>Each cell is {@link #cellWidth(int)} x {@link #cellHeight(int)} pixels for images of the given
 * side; the whole image is {@link #width(int, int)} x {@link #height(int, int, int)}. Stateless and
 * thread-safe.
 */
public final class DigitGridPlot {
    /** The most digits one grid takes, which bounds the image's memory. */
    public static final int MAX_DIGITS = 1024;

    /** The color of the frame and label of a wrong prediction. */
    public static final Color WRONG_COLOR = new Color(215, 25, 28);

    /** Screen pixels per image pixel along each side. */
    static final int SCALE = 3;

    /** Space between a cell's edge and its image; the frame of a wrong cell lies inside it. */
    static final int PADDING = 6;

    /** Thickness of the frame of a wrong cell, drawn from the cell's edge inwards. */
    static final int FRAME = 3;

    static final int LABEL_HEIGHT = 18;
    static final int MARGIN = 8;
    static final int HEADER_HEIGHT = 28;

    private static final Color RIGHT_FRAME_COLOR = new Color(210, 210, 210);
    private static final Color TEXT_COLOR = new Color(30, 30, 30);

    private DigitGridPlot() {}

    /**
     * Writes the grid as a PNG, filling rows left to right from the top.
     *
     * @param file the PNG to write; its parent directories are created and an existing file is
     *     replaced
     * @param digits the cells, 1 to {@link #MAX_DIGITS}, all images of the same size
     * @param columns the cells per row, at least 1; the last row may be partial
     * @throws IllegalArgumentException if the digits are too few or too many, their sizes differ,
     *     or {@code columns} is below 1
     * @throws IOException if the file cannot be written
     */
    public static void write(Path file, List<Digit> digits, int columns) throws IOException {
        PngFile.write(render(digits, columns), file);
    }

    /** Width of a cell in pixels, for images {@code side} pixels wide. */
    public static int cellWidth(int side) {
        return side * SCALE + 2 * PADDING;
    }

    /** Height of a cell in pixels, for images {@code side} pixels high. */
    public static int cellHeight(int side) {
        return side * SCALE + 2 * PADDING + LABEL_HEIGHT;
    }

    /** Width of the whole image for {@code columns} cells per row. */
    public static int width(int side, int columns) {
        return 2 * MARGIN + columns * cellWidth(side);
    }

    /** Height of the whole image for {@code count} digits in rows of {@code columns}. */
    public static int height(int side, int count, int columns) {
        int rows = (count + columns - 1) / columns;
        return HEADER_HEIGHT + 2 * MARGIN + rows * cellHeight(side);
    }

    static BufferedImage render(List<Digit> digits, int columns) {
        int side = checkedSide(digits, columns);
        PngFile.useHeadlessUnlessSet();

        BufferedImage image =
                new BufferedImage(
                        width(side, columns),
                        height(side, digits.size(), columns),
                        BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(
                    RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            drawHeader(g, digits);
            for (int i = 0; i < digits.size(); i++) {
                int x = MARGIN + (i % columns) * cellWidth(side);
                int y = HEADER_HEIGHT + MARGIN + (i / columns) * cellHeight(side);
                drawCell(g, digits.get(i), side, x, y);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static int checkedSide(List<Digit> digits, int columns) {
        if (digits.isEmpty() || digits.size() > MAX_DIGITS) {
            throw new IllegalArgumentException(
                    "a digit grid takes 1 to "
                            + MAX_DIGITS
                            + " digits; got "
                            + digits.size()
                            + " (pass a sample of the test set)");
        }
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be at least 1; got " + columns);
        }
        int side = digits.get(0).side();
        for (int i = 1; i < digits.size(); i++) {
            if (digits.get(i).side() != side) {
                throw new IllegalArgumentException(
                        "all digits need the same size: digit 0 is "
                                + side
                                + " x "
                                + side
                                + ", digit "
                                + i
                                + " is "
                                + digits.get(i).side()
                                + " x "
                                + digits.get(i).side());
            }
        }
        return side;
    }

    private static void drawHeader(Graphics2D g, List<Digit> digits) {
        long wrong = digits.stream().filter(digit -> !digit.isCorrect()).count();
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.setColor(TEXT_COLOR);
        g.drawString(
                "predicted / true    red frame: wrong (" + wrong + " of " + digits.size() + ")",
                MARGIN,
                MARGIN + g.getFontMetrics().getAscent());
    }

    private static void drawCell(Graphics2D g, Digit digit, int side, int x, int y) {
        double[] pixels = digit.pixels();
        for (int row = 0; row < side; row++) {
            for (int column = 0; column < side; column++) {
                int gray = (int) Math.round(255 * (1 - pixels[row * side + column]));
                g.setColor(new Color(gray, gray, gray));
                g.fillRect(x + PADDING + column * SCALE, y + PADDING + row * SCALE, SCALE, SCALE);
            }
        }

        boolean correct = digit.isCorrect();
        int frame = correct ? 1 : FRAME;
        g.setColor(correct ? RIGHT_FRAME_COLOR : WRONG_COLOR);
        g.setStroke(new BasicStroke(frame));
        // A stroke is centred on its path, so the path sits half a thickness inside the cell.
        int inset = frame / 2;
        g.drawRect(
                x + inset,
                y + inset,
                cellWidth(side) - 1 - 2 * inset,
                cellHeight(side) - 1 - 2 * inset);

        String text = digit.predicted() + " / " + digit.label();
        g.setFont(new Font(Font.SANS_SERIF, correct ? Font.PLAIN : Font.BOLD, 13));
        g.setColor(correct ? TEXT_COLOR : WRONG_COLOR);
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(
                text,
                x + (cellWidth(side) - metrics.stringWidth(text)) / 2,
                y + cellHeight(side) - PADDING - metrics.getDescent());
    }
}

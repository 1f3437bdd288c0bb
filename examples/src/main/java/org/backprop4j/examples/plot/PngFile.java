package org.backprop4j.examples.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** Off-screen rendering of charts and their writing as PNG files. */
final class PngFile {
    private static final String HEADLESS = "java.awt.headless";

    private PngFile() {}

    /**
     * Asks AWT for off-screen rendering unless the caller chose otherwise. Must run before the
     * first use of AWT in the process to take effect, so every public writer calls it first.
     */
    static void useHeadlessUnlessSet() {
        if (System.getProperty(HEADLESS) == null) {
            System.setProperty(HEADLESS, "true");
        }
    }

    /** Renders {@code chart} at its own size into an RGB image. */
    static BufferedImage render(Chart<?, ?> chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** Places {@code left} and {@code right} side by side, tops aligned, on white. */
    static BufferedImage sideBySide(BufferedImage left, BufferedImage right) {
        BufferedImage joined =
                new BufferedImage(
                        left.getWidth() + right.getWidth(),
                        Math.max(left.getHeight(), right.getHeight()),
                        BufferedImage.TYPE_INT_RGB);
        Graphics2D g = joined.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, joined.getWidth(), joined.getHeight());
            g.drawImage(left, 0, 0, null);
            g.drawImage(right, left.getWidth(), 0, null);
        } finally {
            g.dispose();
        }
        return joined;
    }

    /** Writes {@code image} as a PNG to {@code file}, atomically (see {@link AtomicFile}). */
    static void write(BufferedImage image, Path file) throws IOException {
        AtomicFile.write(
                file,
                out -> {
                    if (!ImageIO.write(image, "png", out)) {
                        throw new IOException(
                                "no PNG writer for image type "
                                        + image.getType()
                                        + " while writing "
                                        + file);
                    }
                });
    }
}

package org.backprop4j.examples.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Reads back what the plots wrote. */
final class Pngs {
    private Pngs() {}

    /** Reads {@code file} as an image after checking it is a non-empty file of that size. */
    static BufferedImage readExpectingSize(Path file, int width, int height) throws IOException {
        assertTrue(Files.isRegularFile(file), () -> file + " was not written");
        assertTrue(Files.size(file) > 0, () -> file + " is empty");
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, () -> file + " is not an image ImageIO can read");
        assertEquals(width, image.getWidth(), "width of " + file);
        assertEquals(height, image.getHeight(), "height of " + file);
        return image;
    }

    /** The names in {@code directory}, to show that no temporary file was left behind. */
    static List<String> namesIn(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}

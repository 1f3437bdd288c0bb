package org.backprop4j.examples.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir Path directory;

    @Test
    void keepsTheOldFileAndRemovesTheTemporaryOneWhenWritingFails() throws IOException {
        Path file = directory.resolve("plot.png");
        Files.writeString(file, "whole old plot");

        IOException e =
                assertThrows(
                        IOException.class,
                        () ->
                                AtomicFile.write(
                                        file,
                                        out -> {
                                            out.write(
                                                    "half a new".getBytes(StandardCharsets.UTF_8));
                                            throw new IOException("disk full");
                                        }));

        assertEquals("disk full", e.getMessage());
        assertEquals("whole old plot", Files.readString(file));
        assertEquals(List.of("plot.png"), Pngs.namesIn(directory));
    }

    @Test
    void headlessIsSetWhenUnsetAndLeftAloneWhenChosen() {
        String before = System.getProperty("java.awt.headless");
        try {
            System.clearProperty("java.awt.headless");
            PngFile.useHeadlessUnlessSet();
            assertEquals("true", System.getProperty("java.awt.headless"));

            System.setProperty("java.awt.headless", "false");
            PngFile.useHeadlessUnlessSet();
            assertEquals("false", System.getProperty("java.awt.headless"));
        } finally {
            if (before == null) {
                System.clearProperty("java.awt.headless");
            } else {
                System.setProperty("java.awt.headless", before);
            }
        }
    }
}

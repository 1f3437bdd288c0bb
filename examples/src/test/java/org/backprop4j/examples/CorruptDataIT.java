package org.backprop4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.backprop4j.data.mnist.MnistFetcher;
import org.backprop4j.data.mnist.MnistFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mnist command, given damaged data files, stops with a message naming the file and what is
 * wrong, and exit code 2, without a stack trace and without replacing the user's file.
 */
class CorruptDataIT {
    @TempDir Path directory;

    @BeforeEach
    void copyTheRealFiles() throws IOException {
        Path cache = MnistFetcher.defaultDirectory(null);
        MnistFetcher.withDefaultSources(cache, status -> {}).fetchMissing();
        for (MnistFile file : MnistFile.values()) {
            Path source = file.locate(cache).orElseThrow();
            Files.copy(
                    source,
                    directory.resolve(source.getFileName()),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void aTruncatedLabelsFileIsNamed() throws IOException {
        Path labels = MnistFile.TEST_LABELS.locate(directory).orElseThrow();
        byte[] whole = Files.readAllBytes(labels);
        byte[] truncated = java.util.Arrays.copyOf(whole, whole.length / 2);
        Files.write(labels, truncated);

        ProgramRun run = runMnist();

        assertEquals(ErrorHandler.USER_ERROR, run.exitCode(), run.err());
        assertTrue(run.err().contains(labels.getFileName().toString()), run.err());
        assertTrue(!run.err().contains("\tat "), "no stack trace: " + run.err());
        assertEquals(truncated.length, Files.size(labels), "the user's file is left as it was");
    }

    @Test
    void aCorruptImagesFileIsNamed() throws IOException {
        Path images = MnistFile.TRAIN_IMAGES.locate(directory).orElseThrow();
        byte[] bytes = Files.readAllBytes(images);
        bytes[bytes.length - 1] ^= 0x55;
        Files.write(images, bytes);

        ProgramRun run = runMnist();

        assertEquals(ErrorHandler.USER_ERROR, run.exitCode(), run.err());
        assertTrue(run.err().contains(images.getFileName().toString()), run.err());
    }

    private ProgramRun runMnist() {
        return ProgramRun.of(
                "mnist",
                "--backend",
                "naive",
                "--epochs",
                "1",
                "--no-progress",
                "--data-dir",
                directory.toString(),
                "--output-dir",
                directory.resolve("out").toString());
    }
}

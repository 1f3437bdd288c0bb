package org.backprop4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A write that fails halfway leaves the previous file whole and no temporary file behind. */
class SafetensorsWriterTest {

    @TempDir Path dir;

    @Test
    void aFailureWhileWritingLeavesThePreviousFileIntact() throws Exception {
        Path target = dir.resolve("model.safetensors");
        Safetensors.write(target, file("old", 3));
        byte[] before = Files.readAllBytes(target);
        SafetensorsWriter failing = new SafetensorsWriter(channel -> failAfter(channel, 100));

        IOException e =
                assertThrows(IOException.class, () -> failing.write(target, file("new", 5000)));

        assertEquals("disk full (simulated)", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(target));
        assertEquals(List.of(target), filesIn(dir));
    }

    @Test
    void aFailureWhenThereWasNoFileLeavesNoFile() throws Exception {
        Path target = dir.resolve("model.safetensors");
        SafetensorsWriter failing = new SafetensorsWriter(channel -> failAfter(channel, 0));

        assertThrows(IOException.class, () -> failing.write(target, file("new", 10)));

        assertEquals(List.of(), filesIn(dir));
    }

    @Test
    void aSuccessfulWriteLeavesOnlyTheTarget() throws Exception {
        Path target = dir.resolve("model.safetensors");

        new SafetensorsWriter().write(target, file("w", 10));

        assertEquals(List.of(target), filesIn(dir));
        assertEquals(file("w", 10), Safetensors.read(target));
    }

    @Test
    void aMissingDirectoryIsReportedAndNothingIsCreated() {
        Path target = dir.resolve("absent").resolve("model.safetensors");

        assertThrows(IOException.class, () -> Safetensors.write(target, file("w", 1)));

        assertEquals(false, Files.exists(target.getParent()));
    }

    private static SafetensorsFile file(String name, int size) {
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = i * 0.25;
        }
        return SafetensorsFile.of(
                Map.of(name, new TensorData(DType.FLOAT64, Shape.of(1, size), values)));
    }

    /** A channel that passes {@code limit} bytes to the file, then fails as a full disk does. */
    private static WritableByteChannel failAfter(FileChannel channel, int limit) {
        return new WritableByteChannel() {
            private int written;

            @Override
            public int write(ByteBuffer source) throws IOException {
                int allowed = Math.min(source.remaining(), limit - written);
                if (allowed <= 0) {
                    throw new IOException("disk full (simulated)");
                }
                ByteBuffer slice = source.slice().limit(allowed);
                int n = channel.write(slice);
                source.position(source.position() + n);
                written += n;
                return n;
            }

            @Override
            public boolean isOpen() {
                return channel.isOpen();
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    private static List<Path> filesIn(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            return files.sorted().toList();
        }
    }
}

package org.backprop4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.backprop4j.tensor.DType;

/**
 * Writes a safetensors file so that the target always holds either its old contents or the whole
 * new file: the bytes go to a hidden temporary file in the target's directory, are forced to disk,
 * and only then is the temporary file renamed over the target in one atomic step. On any failure
 * the temporary file is deleted and the target is left as it was.
 */
final class SafetensorsWriter {
    private static final int CHUNK_BYTES = 1 << 16;

    private final Function<FileChannel, WritableByteChannel> sink;

    /** A writer to the file system. */
    SafetensorsWriter() {
        this(channel -> channel);
    }

    /**
     * A writer whose bytes pass through {@code sink}, which wraps the temporary file's channel;
     * tests use it to make writing fail halfway.
     */
    SafetensorsWriter(Function<FileChannel, WritableByteChannel> sink) {
        this.sink = sink;
    }

    void write(Path target, SafetensorsFile file) throws IOException {
        byte[] header = SafetensorsHeader.encode(file);
        Path absolute = target.toAbsolutePath();
        Path temp =
                absolute.resolveSibling(
                        "."
                                + absolute.getFileName()
                                + "."
                                + Long.toHexString(ThreadLocalRandom.current().nextLong())
                                + ".tmp");

        FileChannel channel =
                FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            try (channel) {
                WritableByteChannel out = sink.apply(channel);
                ByteBuffer length = ByteBuffer.allocate(Long.BYTES);
                writeFully(out, length.order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length));
                writeFully(out, ByteBuffer.wrap(header));
                writeData(out, file);
                // Without this, a crash soon after the rename could leave the target name on a
                // file whose data never reached the disk.
                channel.force(true);
            }
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private static void writeData(WritableByteChannel out, SafetensorsFile file)
            throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (TensorData tensor : file.tensors().values()) {
            boolean float64 = tensor.dtype() == DType.FLOAT64;
            for (double value : tensor.values()) {
                if (chunk.remaining() < Double.BYTES) {
                    writeFully(out, chunk.flip());
                    chunk.clear();
                }
                if (float64) {
                    chunk.putDouble(value);
                } else {
                    chunk.putFloat((float) value);
                }
            }
        }
        writeFully(out, chunk.flip());
    }

    private static void writeFully(WritableByteChannel out, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
    }
}

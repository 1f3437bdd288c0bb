package org.backprop4j.data.mnist;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/** Builds small IDX files in memory for the tests. */
final class IdxBytes {
    private IdxBytes() {}

    /** The IDX header: magic number, then one size per dimension, big-endian. */
    static byte[] header(int magic, long... sizes) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * sizes.length);
        buffer.putInt(magic);
        for (long size : sizes) {
            buffer.putInt((int) size);
        }
        return buffer.array();
    }

    /** A whole images file whose pixel {@code p} of image {@code i} is {@code (31 i + p) % 256}. */
    static byte[] images(int count, int rows, int cols) {
        byte[] data = new byte[count * rows * cols];
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < rows * cols; p++) {
                data[i * rows * cols + p] = (byte) ((31 * i + p) % 256);
            }
        }
        return concat(header(IdxReader.IMAGES_MAGIC, count, rows, cols), data);
    }

    /** A whole labels file. */
    static byte[] labels(int... labels) {
        byte[] data = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            data[i] = (byte) labels[i];
        }
        return concat(header(IdxReader.LABELS_MAGIC, labels.length), data);
    }

    static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String sha256(byte[] content) {
        return HexFormat.of().formatHex(MnistFetcher.newSha256().digest(content));
    }
}

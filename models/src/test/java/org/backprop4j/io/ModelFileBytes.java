package org.backprop4j.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds raw safetensors bytes by hand, so tests can write files that break the format. */
final class ModelFileBytes {
    private ModelFileBytes() {}

    /** A file whose header length is the true length of {@code header}. */
    static byte[] file(String header, byte[] data) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        return file(json.length, json, data);
    }

    /** A file whose header length field says {@code claimedLength}, whatever follows. */
    static byte[] file(long claimedLength, byte[] header, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(
                ByteBuffer.allocate(Long.BYTES)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .putLong(claimedLength)
                        .array());
        out.writeBytes(header);
        out.writeBytes(data);
        return out.toByteArray();
    }

    /** The little-endian bytes of {@code values} as float64. */
    static byte[] float64(double... values) {
        ByteBuffer bytes =
                ByteBuffer.allocate(values.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (double value : values) {
            bytes.putDouble(value);
        }
        return bytes.array();
    }
}

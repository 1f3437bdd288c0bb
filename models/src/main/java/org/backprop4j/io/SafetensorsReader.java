package org.backprop4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.backprop4j.tensor.DType;

/**
 * Reads a safetensors file as untrusted input. Nothing the file claims is allocated before it is
 * checked against the real file size: the header length against the size and {@link
 * Safetensors#MAX_HEADER_BYTES}, every tensor's byte range against the data that follows the
 * header. Values are read through a small fixed buffer, so reading never holds more than the
 * decoded tensors themselves.
 */
final class SafetensorsReader {
    /** A multiple of every element size, so no element straddles two chunks. */
    private static final int CHUNK_BYTES = 1 << 16;

    private SafetensorsReader() {}

    static SafetensorsFile read(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long fileSize = channel.size();
            if (fileSize < Long.BYTES) {
                throw new ModelFileException(
                        path,
                        "the file is truncated: it holds "
                                + fileSize
                                + " bytes, fewer than the 8-byte header length that starts a"
                                + " safetensors file");
            }
            ByteBuffer lengthBytes = ByteBuffer.allocate(Long.BYTES);
            readFully(channel, lengthBytes, 0, path);
            long headerLength = lengthBytes.order(ByteOrder.LITTLE_ENDIAN).getLong(0);
            checkHeaderLength(headerLength, fileSize, path);

            ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
            readFully(channel, headerBytes, Long.BYTES, path);
            Object json = parseHeader(decodeUtf8(headerBytes.flip(), path), path);
            long dataStart = Long.BYTES + headerLength;
            SafetensorsHeader header = SafetensorsHeader.decode(json, fileSize - dataStart, path);

            Map<String, TensorData> tensors = new LinkedHashMap<>();
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (SafetensorsHeader.Entry entry : header.entries()) {
                double[] values = readValues(channel, dataStart, entry, chunk, path);
                tensors.put(entry.name(), new TensorData(entry.dtype(), entry.shape(), values));
            }
            return new SafetensorsFile(tensors, header.metadata());
        }
    }

    private static void checkHeaderLength(long headerLength, long fileSize, Path path)
            throws ModelFileException {
        // The length is unsigned in the format; a negative long is a length of 2^63 or more.
        if (headerLength < 0 || headerLength > Safetensors.MAX_HEADER_BYTES) {
            throw new ModelFileException(
                    path,
                    "the header length "
                            + Long.toUnsignedString(headerLength)
                            + " exceeds the limit of "
                            + Safetensors.MAX_HEADER_BYTES
                            + " bytes; this is not a safetensors file, or it is corrupt");
        }
        if (headerLength > fileSize - Long.BYTES) {
            throw new ModelFileException(
                    path,
                    "the header length "
                            + headerLength
                            + " is larger than the "
                            + (fileSize - Long.BYTES)
                            + " bytes that follow it: the file is truncated or its header"
                            + " length is wrong");
        }
    }

    private static String decodeUtf8(ByteBuffer bytes, Path path) throws ModelFileException {
        try {
            CharBuffer chars =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(bytes);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new ModelFileException(
                    path, "the header is not valid UTF-8 (at byte " + bytes.position() + ")");
        }
    }

    private static Object parseHeader(String text, Path path) throws ModelFileException {
        try {
            return StrictJson.parse(text);
        } catch (MalformedJsonException e) {
            throw new ModelFileException(path, "the header is not valid JSON: " + e.getMessage());
        }
    }

    private static double[] readValues(
            FileChannel channel,
            long dataStart,
            SafetensorsHeader.Entry entry,
            ByteBuffer chunk,
            Path path)
            throws IOException {
        double[] values = new double[(int) entry.shape().size()];
        long position = dataStart + entry.begin();
        long end = dataStart + entry.end();
        int next = 0;
        while (position < end) {
            chunk.clear().limit((int) Math.min(CHUNK_BYTES, end - position));
            readFully(channel, chunk, position, path);
            position += chunk.limit();
            chunk.flip();
            if (entry.dtype() == DType.FLOAT64) {
                while (chunk.hasRemaining()) {
                    values[next++] = chunk.getDouble();
                }
            } else {
                while (chunk.hasRemaining()) {
                    values[next++] = chunk.getFloat();
                }
            }
        }
        return values;
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position, Path path)
            throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new ModelFileException(
                        path,
                        "the file ended at byte "
                                + at
                                + " while it was being read; it was truncated meanwhile");
            }
            at += read;
        }
    }
}

package org.backprop4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsRoundTripTest {

    @TempDir Path dir;

    private final Random random = new Random(42);

    @Test
    void float64TensorsComeBackBitForBit() throws Exception {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("w", tensor(DType.FLOAT64, 3, 4));
        tensors.put("b", tensor(DType.FLOAT64, 1, 4));
        SafetensorsFile file = SafetensorsFile.of(tensors);

        SafetensorsFile read = roundTrip(file);

        assertEquals(file, read);
        assertEquals(List.of("w", "b"), List.copyOf(read.tensors().keySet()));
    }

    @Test
    void float32TensorsAreStoredAsFloats() throws Exception {
        double[] values = gaussian(10);
        SafetensorsFile file =
                SafetensorsFile.of(
                        Map.of("x", new TensorData(DType.FLOAT32, Shape.of(2, 5), values)));

        Path path = write(file);
        TensorData read = Safetensors.read(path).tensors().get("x");

        assertEquals(DType.FLOAT32, read.dtype());
        for (int i = 0; i < values.length; i++) {
            assertEquals((float) values[i], read.values()[i]);
        }
        assertEquals(8 + headerLength(path) + 10 * Float.BYTES, Files.size(path));
    }

    @Test
    void mixedTypesKeepTheirOrderAndLayOutContiguously() throws Exception {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("first", tensor(DType.FLOAT32, 1, 3));
        tensors.put("second", tensor(DType.FLOAT64, 2, 2));
        tensors.put("third", tensor(DType.FLOAT32, 0, 5));
        tensors.put("fourth", tensor(DType.FLOAT64, 1, 1));
        SafetensorsFile file = SafetensorsFile.of(tensors);

        Path path = write(file);
        String header = header(path);

        assertEquals(file, Safetensors.read(path));
        assertEquals(0, headerLength(path) % 8);
        assertTrue(
                header.contains(
                        "\"first\":{\"dtype\":\"F32\",\"shape\":[1,3],\"data_offsets\":[0,12]}"));
        assertTrue(
                header.contains(
                        "\"second\":{\"dtype\":\"F64\",\"shape\":[2,2],\"data_offsets\":[12,44]}"));
        assertTrue(
                header.contains(
                        "\"third\":{\"dtype\":\"F32\",\"shape\":[0,5],\"data_offsets\":[44,44]}"));
        assertTrue(
                header.contains(
                        "\"fourth\":{\"dtype\":\"F64\",\"shape\":[1,1],\"data_offsets\":[44,52]}"));
        assertEquals(8 + headerLength(path) + 52, Files.size(path));
    }

    @Test
    void metadataComesBackInOrderWithEscapesAndUnicode() throws Exception {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("zeta", "last \"first\"");
        metadata.put("alpha", "tab\there, newline\nthere, \u0000 and \u00fc\u4e2d\ud83d\ude80");
        metadata.put("", "");
        SafetensorsFile file =
                new SafetensorsFile(Map.of("x", tensor(DType.FLOAT64, 1, 1)), metadata);

        SafetensorsFile read = roundTrip(file);

        assertEquals(metadata, read.metadata());
        assertEquals(List.of("zeta", "alpha", ""), List.copyOf(read.metadata().keySet()));
    }

    @Test
    void anEmptyFileIsAnEmptyObjectPaddedToEightBytes() throws Exception {
        Path path = write(SafetensorsFile.of(Map.of()));

        assertArrayEquals(ModelFileBytes.file("{}      ", new byte[0]), Files.readAllBytes(path));
        SafetensorsFile read = Safetensors.read(path);
        assertTrue(read.tensors().isEmpty());
        assertTrue(read.metadata().isEmpty());
    }

    @Test
    void tensorsLargerThanTheCopyBufferSurvive() throws Exception {
        SafetensorsFile file =
                SafetensorsFile.of(
                        Map.of(
                                "big64", tensor(DType.FLOAT64, 3, 10_001),
                                "big32", tensor(DType.FLOAT32, 7, 9_999)));

        assertEquals(file, roundTrip(file));
    }

    @Test
    void writingReplacesAnExistingFile() throws Exception {
        Path path = write(SafetensorsFile.of(Map.of("old", tensor(DType.FLOAT64, 2, 2))));
        SafetensorsFile replacement =
                SafetensorsFile.of(Map.of("new", tensor(DType.FLOAT32, 1, 1)));

        Safetensors.write(path, replacement);

        assertEquals(replacement, Safetensors.read(path));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(path), files.toList());
        }
    }

    private SafetensorsFile roundTrip(SafetensorsFile file) throws Exception {
        return Safetensors.read(write(file));
    }

    private Path write(SafetensorsFile file) throws Exception {
        Path path = dir.resolve("model.safetensors");
        Safetensors.write(path, file);
        return path;
    }

    private TensorData tensor(DType dtype, int rows, int cols) {
        return new TensorData(dtype, Shape.of(rows, cols), gaussian(rows * cols));
    }

    private double[] gaussian(int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextGaussian();
        }
        return values;
    }

    private static long headerLength(Path path) throws Exception {
        byte[] bytes = Files.readAllBytes(path);
        return ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private static String header(Path path) throws Exception {
        byte[] bytes = Files.readAllBytes(path);
        return new String(bytes, 8, (int) headerLength(path), StandardCharsets.UTF_8);
    }
}

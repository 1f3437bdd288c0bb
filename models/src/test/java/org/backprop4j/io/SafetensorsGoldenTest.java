package org.backprop4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks reader and writer against files written by {@code make_golden.py} beside the resources,
 * which lays out the bytes as the reference implementation does. The contents built here are the
 * script's inputs, restated.
 */
class SafetensorsGoldenTest {

    @TempDir Path dir;

    @Test
    void readsTheReferenceFile() throws Exception {
        SafetensorsFile file = Safetensors.read(resource("golden.safetensors"));

        assertEquals(expected(), file);
        assertEquals(
                List.of("layer0.weight", "layer0.bias", "empty", "special"),
                List.copyOf(file.tensors().keySet()));
    }

    @Test
    void writesTheReferenceFileByteForByte() throws Exception {
        Path written = dir.resolve("model.safetensors");

        Safetensors.write(written, expected());

        assertArrayEquals(
                Files.readAllBytes(resource("golden.safetensors")), Files.readAllBytes(written));
    }

    @Test
    void readsAHeaderWithSpacesAsciiEscapesAndAnotherKeyOrder() throws Exception {
        SafetensorsFile file = Safetensors.read(resource("spaced.safetensors"));

        assertEquals(expected(), file);
        assertEquals(expected().metadata(), file.metadata());
        assertEquals(
                List.of("layer0.weight", "layer0.bias", "empty", "special"),
                List.copyOf(file.tensors().keySet()));
    }

    private static SafetensorsFile expected() {
        double[] weight = new double[6];
        for (int i = 0; i < weight.length; i++) {
            weight[i] = (i - 2.5) / 3.0;
        }
        double[] bias = {0 / 7.0, 1 / 7.0, 2 / 7.0};
        double[] special = {-0.0, Double.MIN_VALUE, Double.MAX_VALUE, Double.NEGATIVE_INFINITY};

        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("layer0.weight", new TensorData(DType.FLOAT64, Shape.of(2, 3), weight));
        tensors.put("layer0.bias", new TensorData(DType.FLOAT32, Shape.of(1, 3), bias));
        tensors.put("empty", new TensorData(DType.FLOAT64, Shape.of(0, 4), new double[0]));
        tensors.put("special", new TensorData(DType.FLOAT64, Shape.of(1, 4), special));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "backprop4j");
        metadata.put(
                "note", "line\nbreak \"quoted\" back\\slash\ttab \u0001 caf\u00e9 \ud83d\ude00");
        return new SafetensorsFile(tensors, metadata);
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(SafetensorsGoldenTest.class.getResource(name).toURI());
    }
}

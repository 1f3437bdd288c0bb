package org.backprop4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.junit.jupiter.api.Test;

class TensorDataTest {

    @Test
    void refusesValuesThatDoNotFillTheShape() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new TensorData(DType.FLOAT64, Shape.of(2, 3), new double[5]));

        assertEquals("Shape 2x3 holds 6 values, but 5 were given", e.getMessage());
    }

    @Test
    void refusesShapesWhoseSizeOverflows() {
        Shape huge = Shape.of(1 << 30, 1 << 30, 1 << 30);

        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new TensorData(DType.FLOAT64, huge, new double[0]));

        assertTrue(e.getMessage().contains("more elements than a long can count"));
    }

    @Test
    void copiesValuesOnTheWayInAndOut() {
        double[] values = {1, 2, 3};
        TensorData tensor = new TensorData(DType.FLOAT64, Shape.of(1, 3), values);

        values[0] = 99;
        tensor.values()[1] = 99;

        assertArrayEquals(new double[] {1, 2, 3}, tensor.values());
    }

    @Test
    void float32TensorsHoldTheirValuesRoundedToFloat() {
        double third = 1.0 / 3.0;

        TensorData tensor = new TensorData(DType.FLOAT32, Shape.of(1, 1), new double[] {third});

        assertEquals((float) third, tensor.values()[0]);
        assertNotEquals(third, tensor.values()[0]);
    }

    @Test
    void equalityComparesContentsIncludingNaN() {
        TensorData a = new TensorData(DType.FLOAT64, Shape.of(1, 2), new double[] {Double.NaN, 1});
        TensorData b = new TensorData(DType.FLOAT64, Shape.of(1, 2), new double[] {Double.NaN, 1});
        TensorData otherShape =
                new TensorData(DType.FLOAT64, Shape.of(2, 1), new double[] {Double.NaN, 1});
        TensorData otherType =
                new TensorData(DType.FLOAT32, Shape.of(1, 2), new double[] {Double.NaN, 1});

        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, otherShape);
        assertNotEquals(a, otherType);
    }

    @Test
    void byteSizeIsElementsTimesDtypeSize() {
        assertEquals(48, new TensorData(DType.FLOAT64, Shape.of(2, 3), new double[6]).byteSize());
        assertEquals(24, new TensorData(DType.FLOAT32, Shape.of(2, 3), new double[6]).byteSize());
    }

    @Test
    void fileKeepsOrderAndCannotBeModified() {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        for (String name : List.of("z", "a", "m")) {
            tensors.put(name, new TensorData(DType.FLOAT64, Shape.of(1, 1), new double[1]));
        }

        SafetensorsFile file = SafetensorsFile.of(tensors);
        tensors.clear();

        assertEquals(List.of("z", "a", "m"), List.copyOf(file.tensors().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> file.tensors().clear());
        assertThrows(UnsupportedOperationException.class, () -> file.metadata().put("k", "v"));
    }

    @Test
    void fileRefusesTheReservedMetadataName() {
        TensorData tensor = new TensorData(DType.FLOAT64, Shape.of(1, 1), new double[1]);

        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> SafetensorsFile.of(Map.of("__metadata__", tensor)));

        assertTrue(e.getMessage().startsWith("'__metadata__' is reserved for the metadata"));
    }
}

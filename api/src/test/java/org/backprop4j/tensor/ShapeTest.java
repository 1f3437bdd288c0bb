package org.backprop4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ShapeTest {

    @Test
    void describesItsDimensions() {
        Shape shape = Shape.of(128, 784);
        assertEquals(128, shape.rows());
        assertEquals(784, shape.cols());
        assertEquals(128L * 784, shape.size());
        assertEquals("128x784", shape.toString());
        assertEquals(Shape.of(128, 784), shape);
        assertNotEquals(Shape.of(784, 128), shape);
    }

    @Test
    void refusesNegativeDimensionsAndRowsOfOtherRanks() {
        assertThrows(IllegalArgumentException.class, () -> Shape.of(2, -1));
        assertThrows(IllegalArgumentException.class, Shape::of);
        assertThrows(IllegalStateException.class, () -> Shape.of(2, 3, 4).rows());
    }

    @Test
    void parsesDataTypesAsUsersTypeThem() {
        assertEquals(DType.FLOAT64, DType.parse("float64"));
        assertEquals(DType.FLOAT32, DType.parse("F32"));
        IllegalArgumentException thrown =
                assertThrows(IllegalArgumentException.class, () -> DType.parse("int8"));
        assertEquals("Unknown data type 'int8': use float64 or float32", thrown.getMessage());
    }
}

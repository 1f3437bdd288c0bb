package org.backprop4j.backend.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.backprop4j.backend.Backends;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Where PyTorch's float32 arithmetic could part from the reference's, it must not. */
class DjlFloat32Test {
    private final Backend djl = Backends.get("djl");
    private final Backend naive = Backends.get("naive");

    @Test
    void greaterThanComparesWithTheExactThresholdNotItsRoundedFloat() {
        float justAbove = (float) 0.1;
        double[] values = {Math.nextDown(justAbove), justAbove, Math.nextUp(justAbove), 0.1, -0.1};
        double[] thresholds = {0.1, -0.1, 1e300, -1e300, Double.MIN_VALUE, 0};

        for (double threshold : thresholds) {
            assertArrayEquals(
                    naive.greaterThan(tensor(naive, values), threshold).toDoubleArray(),
                    djl.greaterThan(tensor(djl, values), threshold).toDoubleArray(),
                    "threshold " + threshold);
        }
    }

    private static Tensor tensor(Backend backend, double[] values) {
        return backend.fromArray(values, Shape.of(1, values.length), DType.FLOAT32);
    }
}

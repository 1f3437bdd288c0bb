package org.backprop4j.guides.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.backprop4j.backend.Backends;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.Tensor;
import org.backprop4j.tensor.TensorScope;
import org.backprop4j.testkit.TestTensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CountingBackendTest {

    @Test
    void countsEachCallToTheDelegateByItsMethodName() {
        CountingBackend backend = new CountingBackend(Backends.get("naive"));
        Tensor a = TestTensors.uniform(backend, Shape.of(2, 3), DType.FLOAT64, 1);
        Tensor b = TestTensors.uniform(backend, Shape.of(2, 3), DType.FLOAT64, 2);

        backend.add(a, b);
        backend.add(a, b);
        backend.sigmoid(a);
        backend.matmul(a, false, b, true);

        assertEquals(2, backend.count("fromArray"));
        assertEquals(2, backend.count("add"));
        assertEquals(1, backend.count("sigmoid"));
        assertEquals(1, backend.count("matmulInPlace"));
        assertEquals(0, backend.count("exp"), "a fused sigmoid is passed on whole");
        long sum = backend.counts().values().stream().mapToLong(Long::longValue).sum();
        assertEquals(sum, backend.total());
    }

    @Test
    void resetStartsFromZero() {
        CountingBackend backend = new CountingBackend(Backends.get("naive"));
        Tensor a = backend.zeros(Shape.of(1, 2), DType.FLOAT64);
        backend.exp(a);

        backend.reset();
        backend.log(backend.exp(a));

        assertEquals(1, backend.count("exp"));
        assertEquals(2, backend.total());
    }

    @ParameterizedTest
    @ValueSource(strings = {"naive", "ejml", "nd4j", "djl"})
    void aTrainingStepGivesTheDelegatesNumbersBitForBit(String name) {
        Backend delegate = Backends.get(name);
        MnistStep direct = new MnistStep(delegate, 16, 32);
        MnistStep counted = new MnistStep(new CountingBackend(delegate), 16, 32);

        assertEquals(direct.run(), counted.run(), 0, "loss");
        List<double[]> expected = direct.parameters();
        List<double[]> actual = counted.parameters();
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "parameter " + i + " after the step");
        }
    }

    @Test
    void aTrainingStepMakesAsManyCallsForEveryBatchSize() {
        CountingBackend backend = new CountingBackend(Backends.get("naive"));
        MnistStep small = new MnistStep(backend, 4, 16);
        MnistStep large = new MnistStep(backend, 64, 16);

        backend.reset();
        small.run();
        long smallCalls = backend.total();
        backend.reset();
        large.run();
        long largeCalls = backend.total();

        assertTrue(smallCalls > 0, "no call was counted");
        assertEquals(smallCalls, largeCalls, () -> "calls at batch 64: " + backend.counts());
    }

    @Test
    void aScopeOfANativeDelegateKeepsWhatItIsTold() {
        CountingBackend backend = new CountingBackend(Backends.get("nd4j"));
        Tensor a = TestTensors.tensor(backend, DType.FLOAT64, 1, 2, 1, 2);
        Tensor kept;

        try (TensorScope scope = backend.openScope()) {
            kept = scope.keep(backend.add(a, a));
            backend.scale(a, 3);
        }

        assertArrayEquals(new double[] {2, 4}, kept.toDoubleArray());
        assertArrayEquals(new double[] {1, 2}, a.toDoubleArray());
    }

    @Test
    void aScopeRefusesToKeepAnotherBackendsTensor() {
        Backend naive = Backends.get("naive");
        CountingBackend backend = new CountingBackend(naive);
        Tensor foreign = naive.zeros(Shape.of(1, 1), DType.FLOAT64);

        try (TensorScope scope = backend.openScope()) {
            IllegalArgumentException thrown =
                    assertThrows(IllegalArgumentException.class, () -> scope.keep(foreign));
            assertTrue(thrown.getMessage().contains("'naive'"), thrown::getMessage);
        }
    }

    @Test
    void describesItsDelegateFirstThenTheDelegatesProperties() {
        Backend ejml = Backends.get("ejml");
        CountingBackend backend = new CountingBackend(ejml);

        List<String> keys = List.copyOf(backend.properties().keySet());

        assertEquals("delegate", keys.get(0));
        assertEquals("ejml", backend.properties().get("delegate"));
        assertEquals(ejml.properties().get("threads"), backend.properties().get("threads"));
        assertEquals(ejml.dtypes(), backend.dtypes());
    }
}

package org.backprop4j.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.backprop4j.tensor.Backend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** The threads property resizes OpenBLAS's pool, which runs the matrix products. */
class Nd4jThreadsTest {
    private final int blasBefore = Nd4j.factory().blas().getMaxThreads();

    @AfterEach
    void restore() {
        System.clearProperty(Backend.THREADS_PROPERTY);
        Nd4j.factory().blas().setMaxThreads(blasBefore);
    }

    @Test
    void oneThreadIsAskedOfBlas() {
        System.setProperty(Backend.THREADS_PROPERTY, "1");
        Map<String, String> properties = new Nd4jBackend().properties();
        assertEquals("1", properties.get("blas.threads"));
        assertEquals(1, Nd4j.factory().blas().getMaxThreads());
    }
}

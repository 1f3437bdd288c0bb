package org.backprop4j.backend.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.pytorch.jni.JniUtils;
import org.backprop4j.tensor.Backend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The threads property sets PyTorch's intra-op threads even after the engine has loaded. */
class DjlThreadsTest {
    private final int before = JniUtils.getNumThreads();

    @AfterEach
    void restore() {
        System.clearProperty(Backend.THREADS_PROPERTY);
        JniUtils.setNumThreads(before);
    }

    @Test
    void oneThreadIsAskedOfPyTorch() {
        System.setProperty(Backend.THREADS_PROPERTY, "1");
        DjlBackend backend = new DjlBackend(DjlRuntime.engine());
        assertEquals("1", backend.properties().get("threads"));
    }
}

package org.backprop4j.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.backprop4j.tensor.Backend;
import org.ejml.concurrency.EjmlConcurrency;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The threads property sizes EJML's pool, and one thread turns the concurrent kernels off. */
class EjmlThreadsTest {
    private final int poolBefore = EjmlConcurrency.getMaxThreads();

    @AfterEach
    void restore() {
        System.clearProperty(Backend.THREADS_PROPERTY);
        EjmlConcurrency.setMaxThreads(poolBefore);
    }

    @Test
    void oneThreadRunsEveryProductOnTheCaller() {
        System.setProperty(Backend.THREADS_PROPERTY, "1");
        EjmlBackend backend = new EjmlBackend();
        assertEquals(1, backend.threads());
        assertEquals("1", backend.properties().get("threads"));
    }

    @Test
    void moreThreadsSizeThePool() {
        System.setProperty(Backend.THREADS_PROPERTY, "3");
        EjmlBackend backend = new EjmlBackend();
        assertEquals(3, backend.threads());
        assertEquals(3, EjmlConcurrency.getMaxThreads());
    }
}

package org.backprop4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ThreadsPropertyTest {

    @AfterEach
    void clear() {
        System.clearProperty(Backend.THREADS_PROPERTY);
    }

    @Test
    void unsetAsksForNothing() {
        assertEquals(0, Backend.requestedThreads());
    }

    @Test
    void aPositiveCountIsRead() {
        System.setProperty(Backend.THREADS_PROPERTY, " 3 ");
        assertEquals(3, Backend.requestedThreads());
    }

    @Test
    void anythingElseIsRefusedByName() {
        for (String value : new String[] {"0", "-2", "two"}) {
            System.setProperty(Backend.THREADS_PROPERTY, value);
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, Backend::requestedThreads);
            assertTrue(e.getMessage().contains("backprop4j.threads"), e.getMessage());
            assertTrue(e.getMessage().contains("'" + value + "'"), e.getMessage());
        }
    }
}

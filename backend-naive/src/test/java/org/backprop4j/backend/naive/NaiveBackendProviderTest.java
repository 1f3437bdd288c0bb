package org.backprop4j.backend.naive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.backprop4j.backend.BackendRegistry;
import org.junit.jupiter.api.Test;

class NaiveBackendProviderTest {

    @Test
    void isFoundThroughTheServiceFile() {
        BackendRegistry registry = BackendRegistry.load(getClass().getClassLoader());

        assertInstanceOf(NaiveBackend.class, registry.get("naive"));
    }

    @Test
    void isAlwaysAvailableWithTheLowestPriority() {
        NaiveBackendProvider provider = new NaiveBackendProvider();

        assertTrue(provider.availability().isAvailable());
        assertEquals(0, provider.priority());
        assertEquals(provider.name(), provider.create().name());
    }

    @Test
    void describesItsLibraryAndThreads() {
        NaiveBackend backend = new NaiveBackend();

        assertEquals("plain Java", backend.properties().get("library"));
        assertEquals("1", backend.properties().get("threads"));
    }
}

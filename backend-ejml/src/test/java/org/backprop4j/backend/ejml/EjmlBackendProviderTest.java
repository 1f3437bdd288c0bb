package org.backprop4j.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Map;
import org.backprop4j.backend.Availability;
import org.backprop4j.backend.BackendRegistry;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.ejml.concurrency.EjmlConcurrency;
import org.junit.jupiter.api.Test;

class EjmlBackendProviderTest {

    @Test
    void isDiscoveredThroughTheServiceFileAndCreatesTheEjmlBackend() {
        BackendRegistry registry = BackendRegistry.load(getClass().getClassLoader());

        Backend backend = registry.get("ejml");

        assertInstanceOf(EjmlBackend.class, backend);
        assertEquals("ejml", backend.name());
    }

    @Test
    void isAvailableWithPriorityTenWhenEjmlIsOnTheClassPath() {
        EjmlBackendProvider provider = new EjmlBackendProvider();

        assertTrue(provider.availability().isAvailable());
        assertEquals(10, provider.priority());
        assertEquals(provider.name(), provider.create().name());
    }

    @Test
    void reportsTheClassThatFailedWhenEjmlCannotBeLoaded() throws Exception {
        try (URLClassLoader withoutEjml = new URLClassLoader(new URL[0], null)) {
            EjmlBackendProvider provider = new EjmlBackendProvider(withoutEjml);

            Availability availability = provider.availability();

            assertFalse(availability.isAvailable());
            assertTrue(availability.reason().orElseThrow().contains("org.ejml.EjmlVersion"));
            assertTrue(availability.reason().orElseThrow().contains("ejml-ddense"));
            assertInstanceOf(ClassNotFoundException.class, availability.cause().orElseThrow());
            assertSame(availability, provider.availability());
        }
    }

    @Test
    void propertiesNameTheLibraryItsVersionAndTheThreadsUsed() {
        Map<String, String> concurrent = new EjmlBackend(true).properties();
        Map<String, String> serial = new EjmlBackend(false).properties();

        assertEquals(List.of("library", "version", "threads"), List.copyOf(concurrent.keySet()));
        assertEquals("EJML", concurrent.get("library"));
        assertEquals("0.46.1", concurrent.get("version"));
        assertEquals(String.valueOf(EjmlConcurrency.getMaxThreads()), concurrent.get("threads"));
        assertEquals("1", serial.get("threads"));
    }

    @Test
    void shapesAnEjmlMatrixCannotHoldAreRefusedWithTheShape() {
        Backend backend = new EjmlBackend();

        IllegalArgumentException rank =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> backend.zeros(Shape.of(2, 3, 4), DType.FLOAT64));
        IllegalArgumentException size =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> backend.zeros(Shape.of(65536, 65536), DType.FLOAT32));

        assertTrue(rank.getMessage().contains("2x3x4"), rank::getMessage);
        assertTrue(size.getMessage().contains("65536x65536"), size::getMessage);
    }
}

package org.backprop4j.backend.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.backprop4j.backend.Availability;
import org.backprop4j.backend.BackendRegistry;
import org.backprop4j.backend.naive.NaiveBackendProvider;
import org.backprop4j.tensor.Backend;
import org.junit.jupiter.api.Test;

class DjlBackendProviderTest {

    @Test
    void isDiscoveredAvailableAndCreatesTheDjlBackend() {
        BackendRegistry registry = BackendRegistry.load();

        Backend backend = registry.get("djl");

        assertEquals("djl", backend.name());
        assertTrue(backend instanceof DjlBackend);
    }

    @Test
    void ranksAboveNaiveAsAYardstickNotAsTheDefault() {
        DjlBackendProvider provider = new DjlBackendProvider();

        assertEquals("djl", provider.name());
        assertEquals(5, provider.priority());
        assertTrue(provider.availability().isAvailable(), () -> provider.availability().toString());
    }

    @Test
    void reportsAFailingNativeLoadAsUnavailableWithTheReason() {
        UnsatisfiedLinkError failure =
                new UnsatisfiedLinkError("libtorch_cpu.so: cannot open shared object file");
        DjlBackendProvider provider =
                new DjlBackendProvider(
                        () -> {
                            throw new IllegalStateException("engine failed", failure);
                        });

        Availability availability = provider.availability();

        assertFalse(availability.isAvailable());
        String reason = availability.reason().orElseThrow();
        assertTrue(reason.contains("libtorch_cpu.so: cannot open shared object file"), reason);
        assertTrue(reason.contains("pytorch-native-cpu"), reason);
        assertTrue(reason.contains("PYTORCH_LIBRARY_PATH"), reason);
        assertSame(failure, availability.cause().orElseThrow().getCause());
    }

    @Test
    void reportsMissingClassesAsUnavailable() {
        DjlBackendProvider provider =
                new DjlBackendProvider(
                        () -> {
                            throw new NoClassDefFoundError("ai/djl/engine/Engine");
                        });

        assertFalse(provider.availability().isAvailable());
        assertTrue(provider.availability().reason().orElseThrow().contains("ai/djl/engine/Engine"));
    }

    @Test
    void letsVirtualMachineErrorsThrough() {
        DjlBackendProvider provider =
                new DjlBackendProvider(
                        () -> {
                            throw new OutOfMemoryError("native heap");
                        });

        assertThrows(OutOfMemoryError.class, provider::availability);
    }

    @Test
    void probesOnceAndKeepsTheAnswer() {
        AtomicInteger calls = new AtomicInteger();
        DjlBackendProvider provider =
                new DjlBackendProvider(
                        () -> {
                            calls.incrementAndGet();
                            throw new UnsatisfiedLinkError("no libtorch");
                        });

        provider.availability();
        provider.availability();

        assertEquals(1, calls.get());
    }

    @Test
    void anUnavailableDjlLeavesTheOtherBackendsSelectable() {
        DjlBackendProvider broken =
                new DjlBackendProvider(
                        () -> {
                            throw new UnsatisfiedLinkError("no libtorch");
                        });
        BackendRegistry registry = BackendRegistry.of(new NaiveBackendProvider(), broken);

        assertEquals("naive", registry.select().name());
        String reason = registry.explain().reason();
        assertTrue(reason.contains("passed over djl") && reason.contains("no libtorch"), reason);
    }
}

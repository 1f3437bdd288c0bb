package org.backprop4j.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import org.backprop4j.tensor.Backend;
import org.junit.jupiter.api.Test;

class BackendRegistryTest {

    private static BackendProvider provider(String name, int priority, Availability availability) {
        BackendProvider provider = mock(BackendProvider.class);
        when(provider.name()).thenReturn(name);
        when(provider.priority()).thenReturn(priority);
        when(provider.availability()).thenReturn(availability);
        when(provider.create()).thenReturn(mock(Backend.class));
        return provider;
    }

    private static final Map<String, String> NONE = Map.of();

    private static BackendSelection explain(
            BackendRegistry registry, Map<String, String> properties, Map<String, String> env) {
        return registry.explain(properties::get, env::get);
    }

    @Test
    void theAvailableBackendOfHighestPriorityWins() {
        BackendRegistry registry =
                BackendRegistry.of(
                        provider("naive", 0, Availability.available()),
                        provider("fast", 20, Availability.unavailable("no native library")),
                        provider("medium", 10, Availability.available()));

        BackendSelection selection = explain(registry, NONE, NONE);

        assertEquals("medium", selection.name());
        assertTrue(selection.reason().contains("fast (unavailable: no native library)"));
    }

    @Test
    void thePropertyBeatsTheEnvironmentWhichBeatsPriority() {
        BackendRegistry registry =
                BackendRegistry.of(
                        provider("naive", 0, Availability.available()),
                        provider("ejml", 10, Availability.available()));

        assertEquals(
                "naive", explain(registry, Map.of(BackendRegistry.PROPERTY, "NAIVE"), NONE).name());
        assertEquals(
                "naive",
                explain(registry, NONE, Map.of(BackendRegistry.ENVIRONMENT, "naive")).name());
        BackendSelection both =
                explain(
                        registry,
                        Map.of(BackendRegistry.PROPERTY, "ejml"),
                        Map.of(BackendRegistry.ENVIRONMENT, "naive"));
        assertEquals("ejml", both.name());
        assertTrue(both.reason().contains("system property"));
    }

    @Test
    void anUnknownNameListsWhatExistsAndWhyOthersAreUnavailable() {
        BackendRegistry registry =
                BackendRegistry.of(
                        provider("naive", 0, Availability.available()),
                        provider("nd4j", 20, Availability.unavailable("libnd4jcpu.so missing")));

        BackendUnavailableException thrown =
                assertThrows(BackendUnavailableException.class, () -> registry.get("cuda"));

        String message = thrown.getMessage();
        assertTrue(message.contains("Unknown backend 'cuda'"), message);
        assertTrue(message.contains("naive (available)"), message);
        assertTrue(message.contains("nd4j (unavailable: libnd4jcpu.so missing)"), message);
    }

    @Test
    void anUnavailableBackendIsRefusedWithItsReasonAndNeverCreated() {
        BackendProvider broken = provider("nd4j", 20, Availability.unavailable("no AVX2"));
        BackendRegistry registry =
                BackendRegistry.of(provider("naive", 0, Availability.available()), broken);

        BackendUnavailableException thrown =
                assertThrows(BackendUnavailableException.class, () -> registry.get("nd4j"));

        assertTrue(thrown.getMessage().contains("'nd4j' is unavailable: no AVX2"));
        verify(broken, never()).create();
        assertEquals("naive", explain(registry, NONE, NONE).name());
    }

    @Test
    void anAvailabilityCheckThatThrowsIsReportedNotPropagated() {
        BackendProvider throwing = provider("nd4j", 20, null);
        when(throwing.availability()).thenThrow(new UnsatisfiedLinkError("no libnd4jcpu.so"));
        BackendRegistry registry =
                BackendRegistry.of(provider("naive", 0, Availability.available()), throwing);

        BackendSelection selection = explain(registry, NONE, NONE);

        assertEquals("naive", selection.name());
        assertTrue(selection.reason().contains("no libnd4jcpu.so"), selection.reason());
    }

    @Test
    void availabilityIsProbedLazilyAndOnce() {
        BackendProvider fast = provider("fast", 20, Availability.available());
        BackendProvider naive = provider("naive", 0, Availability.available());
        BackendRegistry registry = BackendRegistry.of(naive, fast);

        registry.get("naive");
        verify(fast, never()).availability();

        Backend first = registry.get("fast");
        Backend second = registry.get("fast");
        assertSame(first, second);
        verify(fast, times(1)).availability();
        verify(fast, times(1)).create();
    }

    @Test
    void twoProvidersOfOneNameFailLoudly() {
        BackendProvider one = provider("naive", 0, Availability.available());
        BackendProvider other =
                new BackendProvider() {
                    @Override
                    public String name() {
                        return "naive";
                    }

                    @Override
                    public int priority() {
                        return 1;
                    }

                    @Override
                    public Availability availability() {
                        return Availability.available();
                    }

                    @Override
                    public Backend create() {
                        throw new AssertionError("never created");
                    }
                };

        IllegalStateException thrown =
                assertThrows(IllegalStateException.class, () -> BackendRegistry.of(one, other));
        assertTrue(thrown.getMessage().contains("Two backend providers are named 'naive'"));
    }

    @Test
    void aProviderRegisteredByHandJoinsTheDiscoveredOnes() {
        BackendRegistry empty =
                BackendRegistry.load(new URLClassLoader(new URL[0], (ClassLoader) null));
        BackendRegistry registry = empty.with(provider("custom", 3, Availability.available()));

        assertEquals("custom", explain(registry, NONE, NONE).name());
        assertEquals(1, registry.candidates().size());
    }

    @Test
    void anEmptyRegistrySaysWhichJarToAdd() {
        BackendRegistry empty = BackendRegistry.of();
        BackendUnavailableException thrown =
                assertThrows(BackendUnavailableException.class, () -> explain(empty, NONE, NONE));
        assertTrue(thrown.getMessage().contains("backprop4j-backend-naive"), thrown::getMessage);
    }

    @Test
    void aBackendThatFailsToStartIsReportedWithItsCause() {
        BackendProvider failing = provider("djl", 5, Availability.available());
        when(failing.create()).thenThrow(new IllegalStateException("engine did not load"));
        BackendRegistry registry = BackendRegistry.of(failing);

        BackendUnavailableException thrown =
                assertThrows(BackendUnavailableException.class, () -> registry.get("djl"));
        assertTrue(thrown.getMessage().contains("engine did not load"));
    }
}

package org.backprop4j.guides.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.backprop4j.backend.Availability;
import org.backprop4j.backend.BackendCandidate;
import org.backprop4j.backend.BackendRegistry;
import org.junit.jupiter.api.Test;

class CountingBackendProviderTest {

    @Test
    void isFoundThroughTheServiceFileAndWrapsNaiveByDefault() {
        BackendRegistry registry = BackendRegistry.load(getClass().getClassLoader());

        CountingBackend backend =
                assertInstanceOf(CountingBackend.class, registry.get(CountingBackend.NAME));

        assertEquals(CountingBackendProvider.DEFAULT_DELEGATE, backend.delegate().name());
    }

    @Test
    void wrapsTheBackendItIsToldOf() {
        CountingBackendProvider provider = new CountingBackendProvider(() -> " EJML ");

        CountingBackend backend = assertInstanceOf(CountingBackend.class, provider.create());

        assertEquals("ejml", backend.delegate().name());
    }

    @Test
    void comesLastSoThatItIsNeverTheDefault() {
        List<BackendCandidate> candidates =
                BackendRegistry.load(getClass().getClassLoader()).candidates();

        BackendCandidate last = candidates.get(candidates.size() - 1);
        assertEquals(CountingBackend.NAME, last.name());
        assertNotEquals(
                CountingBackend.NAME, candidates.get(0).name(), "counting must not be preferred");
    }

    @Test
    void anUnknownDelegateIsUnavailableNamingItAndTheProperty() {
        CountingBackendProvider provider = new CountingBackendProvider(() -> "abacus");

        Availability availability = provider.availability();

        assertFalse(availability.isAvailable());
        String reason = availability.reason().orElseThrow();
        assertTrue(reason.contains("'abacus'"), reason);
        assertTrue(reason.contains(CountingBackendProvider.DELEGATE_PROPERTY), reason);
        assertTrue(reason.contains("naive (available)"), "lists the backends there are: " + reason);
        assertThrows(IllegalStateException.class, provider::create);
    }

    @Test
    void refusesToWrapItself() {
        CountingBackendProvider provider = new CountingBackendProvider(() -> CountingBackend.NAME);

        String reason = provider.availability().reason().orElseThrow();

        assertTrue(reason.contains("itself"), reason);
    }
}

package org.backprop4j.backend.naive;

import org.backprop4j.backend.Availability;
import org.backprop4j.backend.BackendProvider;
import org.backprop4j.tensor.Backend;

/**
 * Provides the {@link NaiveBackend} as {@code naive}: always available, with the lowest priority
 * (0), so any faster backend on the class path is preferred when none is named.
 */
public final class NaiveBackendProvider implements BackendProvider {

    @Override
    public String name() {
        return NaiveBackend.NAME;
    }

    @Override
    public int priority() {
        return 0;
    }

    /** Always available: the backend needs nothing but the JVM. */
    @Override
    public Availability availability() {
        return Availability.available();
    }

    @Override
    public Backend create() {
        return new NaiveBackend();
    }
}

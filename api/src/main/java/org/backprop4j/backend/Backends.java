package org.backprop4j.backend;

import org.backprop4j.tensor.Backend;

/**
 * Shortcuts to the registry of the providers on the class path, loaded on first use.
 *
 * <p>Applications with plugin class loaders or hand-registered providers build their own {@link
 * BackendRegistry} instead.
 */
public final class Backends {
    private Backends() {}

    /** The registry discovered from the class path; see {@link BackendRegistry#load()}. */
    public static BackendRegistry registry() {
        return Holder.REGISTRY;
    }

    /** The backend chosen by property, environment or priority; see {@link BackendRegistry}. */
    public static Backend selected() {
        return registry().select();
    }

    /** The backend called {@code name}. */
    public static Backend get(String name) {
        return registry().get(name);
    }

    private static final class Holder {
        static final BackendRegistry REGISTRY = BackendRegistry.load();
    }
}

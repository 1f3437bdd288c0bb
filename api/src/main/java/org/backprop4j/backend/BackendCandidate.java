package org.backprop4j.backend;

import java.util.Optional;

/**
 * One backend that discovery saw: its name, priority and availability, and where its provider came
 * from (a class name, or "registered by hand").
 */
public final class BackendCandidate {
    private final String name;
    private final int priority;
    private final Availability availability;
    private final String origin;
    private final BackendProvider provider;

    BackendCandidate(
            String name,
            int priority,
            Availability availability,
            String origin,
            BackendProvider provider) {
        this.name = name;
        this.priority = priority;
        this.availability = availability;
        this.origin = origin;
        this.provider = provider;
    }

    public String name() {
        return name;
    }

    public int priority() {
        return priority;
    }

    public Availability availability() {
        return availability;
    }

    /** The provider's class, or what failed to load. */
    public String origin() {
        return origin;
    }

    /** The provider, absent when it could not even be instantiated. */
    Optional<BackendProvider> provider() {
        return Optional.ofNullable(provider);
    }

    @Override
    public String toString() {
        return name + " (priority " + priority + ", " + availability + ")";
    }
}

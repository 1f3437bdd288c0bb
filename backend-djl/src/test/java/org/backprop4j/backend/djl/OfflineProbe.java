package org.backprop4j.backend.djl;

import org.backprop4j.backend.BackendRegistry;

/** Prints what discovery in a fresh JVM says of each backend; run by {@link DjlRuntimeTest}. */
final class OfflineProbe {
    private OfflineProbe() {}

    public static void main(String[] args) {
        BackendRegistry.load().candidates().forEach(System.out::println);
    }
}

package org.backprop4j.backend.djl;

/** Prints what a fresh JVM's DJL provider answers; run by {@link DjlRuntimeTest}. */
final class OfflineProbe {
    private OfflineProbe() {}

    public static void main(String[] args) {
        System.out.println(new DjlBackendProvider().availability());
    }
}

package org.backprop4j.backend;

import org.backprop4j.tensor.Backend;

/**
 * Names a {@link Backend} and creates it on demand; found through {@link java.util.ServiceLoader}.
 *
 * <p>Stability: experimental. A provider is registered in {@code
 * META-INF/services/org.backprop4j.backend.BackendProvider} of the backend's jar. Its obligations:
 *
 * <ul>
 *   <li>The constructor is public, takes no arguments and does no work: no native loading, no
 *       static initializer that can fail. Discovery instantiates every provider on the class path,
 *       so a provider that throws there is reported broken rather than hiding the others.
 *   <li>{@link #name()} is unique, lower case, and equal to the created backend's name.
 *   <li>{@link #availability()} probes whatever can fail (a native library, the CPU) and answers
 *       why not instead of throwing. It may be called more than once and should cache its answer.
 *   <li>{@link #create()} is called only when available, at most once per registry.
 * </ul>
 */
public interface BackendProvider {

    /** The name users select the backend by, such as {@code naive} or {@code nd4j}. */
    String name();

    /**
     * Rank among available backends when none is named: the highest wins. The naive reference
     * backend has 0; faster backends declare more.
     */
    int priority();

    /** Whether the backend can start on this machine, and if not, why. */
    Availability availability();

    /** Creates the backend; only called when {@link #availability()} says it is available. */
    Backend create();
}

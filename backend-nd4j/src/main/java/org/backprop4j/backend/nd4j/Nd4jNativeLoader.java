package org.backprop4j.backend.nd4j;

import org.nd4j.linalg.factory.Nd4j;

/**
 * The step that loads ND4J's native library, apart from the provider so that tests can make it
 * fail. Implementations throw whatever the loading throws.
 */
@FunctionalInterface
interface Nd4jNativeLoader {

    /**
     * Starts ND4J: finds its backend, loads libnd4j and OpenBLAS through JavaCPP (unpacking them
     * into {@code ~/.javacpp/cache} on first use) and runs one native call to prove they answer.
     */
    Nd4jNativeLoader ND4J = () -> Nd4j.getExecutioner().getEnvironmentInformation();

    void load();
}

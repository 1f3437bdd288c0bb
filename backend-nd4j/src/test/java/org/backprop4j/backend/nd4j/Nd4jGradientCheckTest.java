package org.backprop4j.backend.nd4j;

import org.backprop4j.backend.Backends;
import org.backprop4j.tensor.Backend;
import org.backprop4j.testkit.GradientCheckSuite;

/** Layers, losses and whole networks on ND4J against central differences in float64. */
class Nd4jGradientCheckTest extends GradientCheckSuite {

    @Override
    protected Backend backend() {
        return Backends.get(Nd4jBackend.NAME);
    }
}

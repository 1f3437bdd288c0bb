package org.backprop4j.backend.nd4j;

import org.backprop4j.backend.Backends;
import org.backprop4j.tensor.Backend;
import org.backprop4j.testkit.PrimitiveConformanceSuite;

/** ND4J, found by discovery, against every primitive in float64 and float32. */
class Nd4jPrimitiveConformanceTest extends PrimitiveConformanceSuite {

    @Override
    protected Backend backend() {
        return Backends.get(Nd4jBackend.NAME);
    }

    /** A second instance: its tensors are foreign to the registry's one. */
    @Override
    protected Backend otherBackend() {
        return new Nd4jBackend();
    }
}

package org.backprop4j.backend.ejml;

import org.backprop4j.backend.Backends;
import org.backprop4j.tensor.Backend;
import org.backprop4j.testkit.PrimitiveConformanceSuite;

/** The EJML backend, found by discovery, against the conformance suite in float64 and float32. */
class EjmlPrimitiveConformanceTest extends PrimitiveConformanceSuite {

    @Override
    protected Backend backend() {
        return Backends.get(EjmlBackend.NAME);
    }

    /** A second instance: its tensors are foreign to the registry's one. */
    @Override
    protected Backend otherBackend() {
        return new EjmlBackend();
    }
}

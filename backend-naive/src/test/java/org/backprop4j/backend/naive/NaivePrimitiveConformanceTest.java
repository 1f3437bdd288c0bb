package org.backprop4j.backend.naive;

import org.backprop4j.backend.Backends;
import org.backprop4j.tensor.Backend;
import org.backprop4j.testkit.PrimitiveConformanceSuite;

/** The reference backend, found by discovery, against the conformance suite. */
class NaivePrimitiveConformanceTest extends PrimitiveConformanceSuite {

    @Override
    protected Backend backend() {
        return Backends.get("naive");
    }

    /** A second instance: its tensors are foreign to the registry's one. */
    @Override
    protected Backend otherBackend() {
        return new NaiveBackend();
    }
}

package org.backprop4j.guides.backend;

import org.backprop4j.backend.Backends;
import org.backprop4j.tensor.Backend;
import org.backprop4j.testkit.PrimitiveConformanceSuite;

/** The counting backend, found by discovery and wrapping naive, against the conformance suite. */
class CountingPrimitiveConformanceTest extends PrimitiveConformanceSuite {

    @Override
    protected Backend backend() {
        return Backends.get(CountingBackend.NAME);
    }
}

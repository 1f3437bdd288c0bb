package org.backprop4j.backend.djl;

import org.backprop4j.backend.Backends;
import org.backprop4j.tensor.Backend;
import org.backprop4j.testkit.PrimitiveConformanceSuite;

class DjlPrimitiveConformanceTest extends PrimitiveConformanceSuite {

    @Override
    protected Backend backend() {
        return Backends.get("djl");
    }

    /** A second instance: its tensors are foreign to the registry's one. */
    @Override
    protected Backend otherBackend() {
        return new DjlBackendProvider().create();
    }
}

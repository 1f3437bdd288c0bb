package org.backprop4j.backend.djl;

import org.backprop4j.backend.Backends;
import org.backprop4j.tensor.Backend;
import org.backprop4j.testkit.OptimizerSuite;

class DjlOptimizerTest extends OptimizerSuite {
    @Override
    protected Backend backend() {
        return Backends.get("djl");
    }
}

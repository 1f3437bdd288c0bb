package org.backprop4j.backend.nd4j;

import org.backprop4j.backend.Backends;
import org.backprop4j.tensor.Backend;
import org.backprop4j.testkit.OptimizerSuite;

class Nd4jOptimizerTest extends OptimizerSuite {
    @Override
    protected Backend backend() {
        return Backends.get(Nd4jBackend.NAME);
    }
}

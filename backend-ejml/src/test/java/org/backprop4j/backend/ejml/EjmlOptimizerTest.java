package org.backprop4j.backend.ejml;

import org.backprop4j.backend.Backends;
import org.backprop4j.tensor.Backend;
import org.backprop4j.testkit.OptimizerSuite;

class EjmlOptimizerTest extends OptimizerSuite {
    @Override
    protected Backend backend() {
        return Backends.get(EjmlBackend.NAME);
    }
}

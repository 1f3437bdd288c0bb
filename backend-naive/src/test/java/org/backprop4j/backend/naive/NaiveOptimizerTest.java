package org.backprop4j.backend.naive;

import org.backprop4j.backend.Backends;
import org.backprop4j.tensor.Backend;
import org.backprop4j.testkit.OptimizerSuite;

class NaiveOptimizerTest extends OptimizerSuite {
    @Override
    protected Backend backend() {
        return Backends.get("naive");
    }
}

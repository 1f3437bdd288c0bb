package org.backprop4j.backend.naive;

import org.backprop4j.backend.Backends;
import org.backprop4j.tensor.Backend;
import org.backprop4j.testkit.LayerBehaviourSuite;

class NaiveLayerBehaviourTest extends LayerBehaviourSuite {
    @Override
    protected Backend backend() {
        return Backends.get("naive");
    }
}

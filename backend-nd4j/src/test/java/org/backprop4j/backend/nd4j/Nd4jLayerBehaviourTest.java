package org.backprop4j.backend.nd4j;

import org.backprop4j.backend.Backends;
import org.backprop4j.tensor.Backend;
import org.backprop4j.testkit.LayerBehaviourSuite;

class Nd4jLayerBehaviourTest extends LayerBehaviourSuite {
    @Override
    protected Backend backend() {
        return Backends.get(Nd4jBackend.NAME);
    }
}

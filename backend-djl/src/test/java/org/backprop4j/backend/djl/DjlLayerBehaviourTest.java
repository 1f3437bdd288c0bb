package org.backprop4j.backend.djl;

import org.backprop4j.backend.Backends;
import org.backprop4j.tensor.Backend;
import org.backprop4j.testkit.LayerBehaviourSuite;

class DjlLayerBehaviourTest extends LayerBehaviourSuite {
    @Override
    protected Backend backend() {
        return Backends.get("djl");
    }
}

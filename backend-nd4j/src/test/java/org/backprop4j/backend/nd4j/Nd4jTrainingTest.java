package org.backprop4j.backend.nd4j;

import org.backprop4j.backend.Backends;
import org.backprop4j.tensor.Backend;
import org.backprop4j.testkit.TrainingSuite;

/** Training runs on ND4J, with the same expectations as on every backend. */
class Nd4jTrainingTest extends TrainingSuite {

    @Override
    protected Backend backend() {
        return Backends.get(Nd4jBackend.NAME);
    }
}

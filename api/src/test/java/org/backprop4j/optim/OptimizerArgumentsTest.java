package org.backprop4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptimizerArgumentsTest {
    private static final LearningRateSchedule RATE = LearningRateSchedule.constant(0.1);

    @Test
    void sgdKeepsItsPlainConstructor() {
        SGD sgd = new SGD(0.5);

        assertEquals(0.5, sgd.learningRate());
        assertEquals(0, sgd.momentum());
        assertEquals("sgd", sgd.state().kind());
    }

    @Test
    void eachOptimizerNamesItsKindAndHyperParameters() {
        assertEquals(
                Map.of("schedule", "constant(0.1)", "momentum", "0.9"),
                SGD.momentum(RATE, 0.9).state().hyperParameters());
        assertEquals("nesterov", SGD.nesterov(0.1, 0.9).state().kind());
        assertEquals(
                List.of("schedule", "beta1", "beta2", "epsilon"),
                List.copyOf(new Adam(0.1).state().hyperParameters().keySet()));
        OptimizerState adamw = new AdamW(0.1, 0.01).state();
        assertEquals("adamw", adamw.kind());
        assertEquals("0.01", adamw.hyperParameters().get("weightDecay"));
        assertEquals(0, adamw.steps());
        assertTrue(adamw.parameters().isEmpty());
    }

    @Test
    void badHyperParametersAreRefusedByName() {
        assertMessage("learning rate", () -> new SGD(-1));
        assertMessage("schedule", () -> new SGD((LearningRateSchedule) null));
        assertMessage("momentum", () -> SGD.momentum(RATE, 1));
        assertMessage("momentum", () -> SGD.nesterov(RATE, -0.1));
        assertMessage("momentum", () -> SGD.nesterov(RATE, Double.NaN));
        assertMessage("beta1", () -> new Adam(RATE, 1, 0.999, 1e-8));
        assertMessage("beta2", () -> new Adam(RATE, 0.9, -0.5, 1e-8));
        assertMessage("epsilon", () -> new Adam(RATE, 0.9, 0.999, 0));
        assertMessage("schedule", () -> new Adam(null, 0.9, 0.999, 1e-8));
        assertMessage("weight decay", () -> new AdamW(0.1, -0.01));
        assertMessage("weight decay", () -> new AdamW(0.1, Double.POSITIVE_INFINITY));
        assertMessage("adamw: beta1", () -> new AdamW(RATE, 2, 0.999, 1e-8, 0));
    }

    @Test
    void aScheduleThatGoesNegativeStopsTheStep() {
        Adam adam = new Adam(step -> -1, 0.9, 0.999, 1e-8);

        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> adam.step(List.of()));

        assertTrue(e.getMessage().contains("-1.0"), e.getMessage());
        assertTrue(e.getMessage().contains("step 0"), e.getMessage());
    }

    @Test
    void anOptimizerWithoutStateSupportSaysSo() {
        Optimizer custom = parameters -> {};

        UnsupportedOperationException e =
                assertThrows(UnsupportedOperationException.class, custom::state);

        assertTrue(e.getMessage().contains("state()"), e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> custom.loadState(null));
    }

    private static void assertMessage(String words, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().contains(words), e.getMessage());
    }
}

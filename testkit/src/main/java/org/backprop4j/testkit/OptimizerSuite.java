package org.backprop4j.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.backprop4j.nn.Parameter;
import org.backprop4j.optim.Adam;
import org.backprop4j.optim.AdamW;
import org.backprop4j.optim.LearningRateSchedule;
import org.backprop4j.optim.Optimizer;
import org.backprop4j.optim.OptimizerState;
import org.backprop4j.optim.OptimizerState.ParameterState;
import org.backprop4j.optim.SGD;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Every optimizer of {@code org.backprop4j.optim} against a few steps worked out by hand, and the
 * lifecycle of its per-parameter state: created on first sight, exported as a copy, loaded only
 * when it fits.
 *
 * <p>The parameter starts at {@code [1, -2]} and sees the gradients {@code [0.5, 1]}, then {@code
 * [-1, 0.5]}, then zero. Tolerance: {@link TestTensors#FLOAT64_TOLERANCE}; each expected value is a
 * handful of float64 operations on numbers near 1, exact to a few ulps (1e-16), while a wrong
 * formula (a missed bias correction, momentum applied once too often) moves it by 1e-3 or more.
 *
 * <p>A backend runs it by extending it and naming itself in {@link #backend()}.
 */
public abstract class OptimizerSuite {
    private static final double TOLERANCE = TestTensors.FLOAT64_TOLERANCE;
    private static final double[] START = {1, -2};
    private static final double[] G1 = {0.5, 1};
    private static final double[] G2 = {-1, 0.5};
    private static final double[] ZERO = {0, 0};

    /** The backend under test: the same instance on every call. */
    protected abstract Backend backend();

    @Test
    void plainSgdMovesAgainstTheGradient() {
        Parameter p = parameter(START);
        Optimizer sgd = new SGD(0.1);

        step(sgd, p, G1);
        assertValue(p, 0.95, -2.1); // [1, -2] - 0.1 * [0.5, 1]
        step(sgd, p, G2);
        assertValue(p, 1.05, -2.15); // [0.95, -2.1] - 0.1 * [-1, 0.5]
    }

    @Test
    void sgdFollowsItsSchedule() {
        Parameter p = parameter(START);
        Optimizer sgd = new SGD(LearningRateSchedule.stepDecay(0.1, 1, 0.5));

        step(sgd, p, G1);
        assertValue(p, 0.95, -2.1); // rate 0.1: [1, -2] - 0.1 * [0.5, 1]
        step(sgd, p, G2);
        assertValue(p, 1.0, -2.125); // rate 0.05: [0.95, -2.1] - 0.05 * [-1, 0.5]
    }

    @Test
    void momentumAccumulatesAVelocity() {
        Parameter p = parameter(START);
        Optimizer momentum = SGD.momentum(0.1, 0.9);

        step(momentum, p, G1);
        assertValue(p, 0.95, -2.1); // v = [0.5, 1]; [1, -2] - 0.1 * v
        step(momentum, p, G2);
        // v = 0.9 * [0.5, 1] + [-1, 0.5] = [-0.55, 1.4]; [0.95, -2.1] - 0.1 * v
        assertValue(p, 1.005, -2.24);
        step(momentum, p, ZERO);
        // v = 0.9 * [-0.55, 1.4] = [-0.495, 1.26]; [1.005, -2.24] - 0.1 * v
        assertValue(p, 1.0545, -2.366);
    }

    @Test
    void nesterovStepsFromTheLookAheadPoint() {
        Parameter p = parameter(START);
        Optimizer nesterov = SGD.nesterov(0.1, 0.9);

        step(nesterov, p, G1);
        // v = [0.5, 1]; [1, -2] - 0.1 * ([0.5, 1] + 0.9 * v) = [1, -2] - 0.1 * [0.95, 1.9]
        assertValue(p, 0.905, -2.19);
        step(nesterov, p, G2);
        // v = [-0.55, 1.4]; g + 0.9 * v = [-1.495, 1.76]; [0.905, -2.19] - 0.1 * that
        assertValue(p, 1.0545, -2.366);
        step(nesterov, p, ZERO);
        // v = [-0.495, 1.26]; g + 0.9 * v = [-0.4455, 1.134]; [1.0545, -2.366] - 0.1 * that
        assertValue(p, 1.09905, -2.4794);
    }

    @Test
    void adamCorrectsTheBiasOfItsMoments() {
        Parameter p = parameter(START);
        Optimizer adam = new Adam(0.1);

        step(adam, p, G1);
        // m = 0.1 * g = [0.05, 0.1], v = 0.001 * g^2 = [0.00025, 0.001];
        // m^ = m / 0.1 = [0.5, 1], v^ = v / 0.001 = [0.25, 1], so m^ / (sqrt(v^) + 1e-8) =
        // [0.5 / 0.50000001, 1 / 1.00000001] = [0.99999998, 0.99999999]; [1, -2] - 0.1 * that
        assertValue(p, 0.900000002, -2.099999999);
        step(adam, p, G2);
        // m = 0.9 * m + 0.1 * [-1, 0.5] = [-0.055, 0.14]; m^ = m / 0.19 = [-0.28947368, 0.73684211]
        // v = 0.999 * v + 0.001 * [1, 0.25] = [0.00124975, 0.001249];
        // v^ = v / 0.001999 = [0.62518759, 0.62481241], sqrt = [0.79068805, 0.79045077];
        // m^ / (sqrt(v^) + 1e-8) = [-0.36610352, 0.93217963]; theta - 0.1 * that
        assertValue(p, 0.9366103542405654, -2.193217961701839);
    }

    @Test
    void adamwDecaysTheWeightsApartFromTheGradient() {
        Parameter p = parameter(START);
        Optimizer adamw = new AdamW(0.1, 0.5);

        step(adamw, p, G1);
        // decay: [1, -2] * (1 - 0.1 * 0.5) = [0.95, -1.9]; then Adam's first step, as above:
        // - 0.1 * [0.99999998, 0.99999999]
        assertValue(p, 0.850000002, -1.999999999);
        step(adamw, p, G2);
        // decay: [0.850000002, -1.999999999] * 0.95 = [0.8075000019, -1.89999999905];
        // then - 0.1 * [-0.36610352, 0.93217963], Adam's second step from above
        assertValue(p, 0.8441103541405653, -1.9932179617518386);
    }

    @Test
    void adamwWithoutDecayIsAdam() {
        Parameter withAdam = parameter(START);
        Parameter withAdamW = parameter(START);
        Optimizer adam = new Adam(0.1);
        Optimizer adamw = new AdamW(0.1, 0);

        for (double[] gradient : List.of(G1, G2, ZERO)) {
            step(adam, withAdam, gradient);
            step(adamw, withAdamW, gradient);
        }

        assertArrayEquals(withAdam.value().toDoubleArray(), withAdamW.value().toDoubleArray());
    }

    @Test
    void aStepLeavesTheGradientAsItWas() {
        for (Optimizer optimizer : allKinds()) {
            Parameter p = parameter(START);

            step(optimizer, p, G1);

            assertArrayEquals(G1, p.gradient().toDoubleArray(), optimizer.toString());
        }
    }

    @Test
    void stateIsCreatedOnTheFirstStepThatSeesAParameter() {
        Parameter first = parameter(START);
        Parameter later = parameter(START);
        Optimizer adam = new Adam(0.1);
        assertTrue(adam.state().parameters().isEmpty());

        step(adam, first, G1);
        setGradient(later, G1);
        adam.step(List.of(first, later));

        OptimizerState state = adam.state();
        assertEquals(2, state.steps());
        assertEquals(List.of(first, later), List.copyOf(state.parameters().keySet()));
        assertEquals(Set.of("m", "v"), state.parameters().get(first).slots().keySet());
        assertEquals(2, state.parameters().get(first).steps());
        assertEquals(1, state.parameters().get(later).steps());
        // The late parameter's bias correction counts its own steps: its first move is Adam's
        // first step from [1, -2], not a second one.
        assertValue(later, 0.900000002, -2.099999999);
    }

    @Test
    void theExportedStateIsACopy() {
        Parameter p = parameter(START);
        Optimizer momentum = SGD.momentum(0.1, 0.9);
        step(momentum, p, G1);

        OptimizerState state = momentum.state();
        step(momentum, p, G2);

        Tensor velocity = state.parameters().get(p).slots().get("velocity");
        assertArrayEquals(G1, velocity.toDoubleArray()); // v after the first step only
        assertEquals(1, state.steps());
    }

    @Test
    void aLoadedStateContinuesExactlyWhereTheSavedOneWas() {
        for (Optimizer original : allKinds()) {
            Optimizer resumed = sameKind(original);
            Parameter p = parameter(START);
            step(original, p, G1);
            step(original, p, G2);
            Parameter q = parameter(p.value().toDoubleArray());

            resumed.loadState(retarget(original.state(), p, q));
            step(original, p, G1);
            step(resumed, q, G1);

            assertArrayEquals(
                    p.value().toDoubleArray(), q.value().toDoubleArray(), original.toString());
            assertEquals(3, resumed.state().steps(), original.toString());
        }
    }

    @Test
    void aStateOfAnotherKindIsRefusedAndNothingChanges() {
        Parameter p = parameter(START);
        Optimizer adam = new Adam(0.1);
        step(adam, p, G1);
        Optimizer momentum = SGD.momentum(0.1, 0.9);

        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> momentum.loadState(adam.state()));

        assertTrue(e.getMessage().contains("'adam'"), e.getMessage());
        assertTrue(e.getMessage().contains("'momentum'"), e.getMessage());
        assertTrue(momentum.state().parameters().isEmpty());
        assertEquals(0, momentum.state().steps());
    }

    @Test
    void aStateWithOtherHyperParametersIsRefusedNamingThem() {
        Parameter p = parameter(START);
        Optimizer saved = new AdamW(0.1, 0.5);
        step(saved, p, G1);
        Optimizer other = new AdamW(0.1, 0.25);

        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> other.loadState(saved.state()));

        assertTrue(e.getMessage().contains("weightDecay was 0.5, here it is 0.25"), e.getMessage());
        assertEquals(0, other.state().steps());
    }

    @Test
    void aStateThatDoesNotFitTheParameterIsRefusedAndNothingChanges() {
        Parameter p = parameter(START);
        Optimizer momentum = SGD.momentum(0.1, 0.9);
        step(momentum, p, G1);
        step(momentum, p, G2);
        Tensor wrongShape = backend().zeros(Shape.of(2, 1), DType.FLOAT64);
        OptimizerState bad =
                new OptimizerState(
                        "momentum",
                        momentum.state().hyperParameters(),
                        5,
                        Map.of(p, new ParameterState(5, Map.of("velocity", wrongShape))));

        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> momentum.loadState(bad));

        assertTrue(e.getMessage().contains("velocity"), e.getMessage());
        assertTrue(e.getMessage().contains("2x1"), e.getMessage());
        OptimizerState kept = momentum.state();
        assertEquals(2, kept.steps());
        // v = 0.9 * [0.5, 1] + [-1, 0.5], as in momentumAccumulatesAVelocity
        assertArrayEquals(
                new double[] {-0.55, 1.4},
                kept.parameters().get(p).slots().get("velocity").toDoubleArray(),
                TOLERANCE);
    }

    @Test
    void aStateWithMissingSlotsIsRefused() {
        Parameter p = parameter(START);
        Optimizer adam = new Adam(0.1);
        OptimizerState bad =
                new OptimizerState(
                        "adam",
                        adam.state().hyperParameters(),
                        1,
                        Map.of(p, new ParameterState(1, Map.of("m", parameter(ZERO).value()))));

        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> adam.loadState(bad));

        assertTrue(e.getMessage().contains("[m]"), e.getMessage());
        assertTrue(adam.state().parameters().isEmpty());
    }

    private List<Optimizer> allKinds() {
        return List.of(
                new SGD(0.1),
                SGD.momentum(0.1, 0.9),
                SGD.nesterov(0.1, 0.9),
                new Adam(0.1),
                new AdamW(0.1, 0.5));
    }

    /** A fresh optimizer of the kind and hyper-parameters of {@code optimizer}. */
    private Optimizer sameKind(Optimizer optimizer) {
        String kind = optimizer.state().kind();
        return allKinds().stream()
                .filter(candidate -> candidate.state().kind().equals(kind))
                .findFirst()
                .orElseThrow();
    }

    /** {@code state} with {@code from}'s entry moved to {@code to}, as a model file load does. */
    private static OptimizerState retarget(OptimizerState state, Parameter from, Parameter to) {
        ParameterState entry = state.parameters().get(from);
        assertNotSame(from, to);
        return new OptimizerState(
                state.kind(), state.hyperParameters(), state.steps(), Map.of(to, entry));
    }

    private Parameter parameter(double[] values) {
        return new Parameter(
                "weight", backend().fromArray(values, Shape.of(1, values.length), DType.FLOAT64));
    }

    private void setGradient(Parameter p, double[] gradient) {
        Tensor source = backend().fromArray(gradient, p.shape(), DType.FLOAT64);
        backend().copyInPlace(p.gradient(), source);
    }

    private void step(Optimizer optimizer, Parameter p, double[] gradient) {
        setGradient(p, gradient);
        optimizer.step(List.of(p));
    }

    private static void assertValue(Parameter p, double... expected) {
        assertArrayEquals(expected, p.value().toDoubleArray(), TOLERANCE);
    }
}

package org.backprop4j.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.backprop4j.check.GradientCheck;
import org.backprop4j.check.GradientCheckReport;
import org.backprop4j.nn.Layer;
import org.backprop4j.nn.Parameter;
import org.backprop4j.nn.Tape;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One layer, of any origin, held to the {@link Layer} contract on one backend: its gradients
 * against central differences in float64, and its forward/backward protocol.
 *
 * <p>A layer written outside this project is tested by extending this suite with its backend, a
 * factory for the layer and the input shapes to check:
 *
 * <pre>{@code
 * class SwishOnNaiveTest extends LayerGradientSuite {
 *     protected Backend backend() {
 *         return Backends.get("naive");
 *     }
 *
 *     protected Layer newLayer(Backend backend) {
 *         return new Swish();
 *     }
 *
 *     protected List<Shape> inputShapes() {
 *         return List.of(Shape.of(4, 5), Shape.of(1, 1));
 *     }
 * }
 * }</pre>
 *
 * <p>What it proves, for every input shape:
 *
 * <ul>
 *   <li>dL/d(input) and every parameter's gradient agree with central differences within {@link
 *       #tolerance()} ({@link GradientCheckSuite}'s 1e-6 by default, whose Javadoc gives the
 *       reasoning), also for a batch of one row;
 *   <li>the output keeps the batch, and {@code predict} gives what {@code forward} gives;
 *   <li>backward without its forward, or on an inference tape, is an {@link IllegalStateException};
 *       a gradient of the wrong shape is an {@link IllegalArgumentException} whose message names
 *       both shapes;
 *   <li>forward and backward leave their arguments unchanged;
 *   <li>what backward needs lives on the tape, not in the layer: two passes on two tapes,
 *       interleaved, give each the gradient it would get alone;
 *   <li>parameter gradients accumulate until zeroed, {@code backwardParameters} fills the same
 *       gradients as {@code backward}, and {@code namedParameters} lists {@code parameters} in
 *       order. For a layer without parameters these check that it reports none.
 * </ul>
 *
 * <p>One instance of the subclass runs all its tests, so {@link #backend()} and {@link
 * #inputShapes()} may be computed once. Needs {@code backend-naive} on the test class path only if
 * the subclass's backend is naive.
 */
@TestInstance(Lifecycle.PER_CLASS)
public abstract class LayerGradientSuite {

    /** The backend under test: the same instance on every call. */
    protected abstract Backend backend();

    /**
     * A new layer on {@code backend}, float64, with parameters drawn from a fixed seed: every call
     * returns an equal layer, so the tests do not depend on each other.
     */
    protected abstract Layer newLayer(Backend backend);

    /** The input shapes to check, {@code batch x features}; at least one. */
    protected abstract List<Shape> inputShapes();

    /**
     * The input of the given shape that the checks run on: by default uniform in [-2, 2) from
     * {@code seed}. A layer with a kink (such as ReLU at 0) overrides it to keep every entry
     * farther from the kink than the check's step.
     */
    protected Tensor input(Shape shape, long seed) {
        return TestTensors.uniform(backend(), shape, DType.FLOAT64, seed, -2, 2);
    }

    /** The numerical check: {@link GradientCheck#withDefaults()} unless overridden. */
    protected GradientCheck gradientCheck() {
        return GradientCheck.withDefaults();
    }

    /** The largest error a correct gradient may show: {@link GradientCheckSuite#TOLERANCE}. */
    protected double tolerance() {
        return GradientCheckSuite.TOLERANCE;
    }

    final Stream<Shape> shapes() {
        List<Shape> shapes = inputShapes();
        if (shapes.isEmpty()) {
            throw new IllegalStateException(
                    getClass().getName() + ".inputShapes() is empty; name at least one shape");
        }
        return shapes.stream();
    }

    @ParameterizedTest(name = "input {0}")
    @MethodSource("shapes")
    void gradientsMatchCentralDifferences(Shape shape) {
        Layer layer = newLayer(backend());

        GradientCheckReport report = gradientCheck().layer(layer, input(shape, 1));

        assertPasses(layer + " on " + shape, report);
    }

    @ParameterizedTest(name = "input {0}")
    @MethodSource("shapes")
    void gradientsMatchCentralDifferencesForOneRow(Shape shape) {
        Shape oneRow = Shape.of(1, shape.cols());
        Layer layer = newLayer(backend());

        GradientCheckReport report = gradientCheck().layer(layer, input(oneRow, 2));

        assertPasses(layer + " on " + oneRow, report);
    }

    @ParameterizedTest(name = "input {0}")
    @MethodSource("shapes")
    void outputKeepsTheBatchAndPredictMatchesForward(Shape shape) {
        Layer layer = newLayer(backend());
        Tensor x = input(shape, 3);

        Tensor trained = layer.forward(x, Tape.recording());
        Tensor predicted = layer.predict(x);

        assertEquals(shape.rows(), trained.rows(), () -> layer + ": batch of the output");
        assertEquals(DType.FLOAT64, trained.dtype(), () -> layer + ": data type of the output");
        assertArrayEquals(trained.toDoubleArray(), predicted.toDoubleArray(), layer::toString);
    }

    @Test
    void backwardWithoutForwardIsAnIllegalState() {
        Layer layer = newLayer(backend());
        Tensor gradOut = outputGradient(layer, firstShape(), 4);

        IllegalStateException thrown =
                assertThrows(
                        IllegalStateException.class,
                        () -> layer.backward(gradOut, Tape.recording()),
                        layer::toString);

        assertTrue(thrown.getMessage().contains("without a matching forward"), thrown::toString);
    }

    @Test
    void backwardOnAnInferenceTapeIsAnIllegalState() {
        Layer layer = newLayer(backend());
        Tensor gradOut = outputGradient(layer, firstShape(), 5);

        layer.forward(input(firstShape(), 6), Tape.inference());

        assertThrows(
                IllegalStateException.class,
                () -> layer.backward(gradOut, Tape.inference()),
                layer::toString);
    }

    @Test
    void aGradientOfTheWrongShapeNamesBothShapes() {
        Layer layer = newLayer(backend());
        Tape tape = Tape.recording();
        Shape output = layer.forward(input(firstShape(), 7), tape).shape();
        Shape wrong = Shape.of(output.rows() + 2, output.cols());
        Tensor gradOut = TestTensors.uniform(backend(), wrong, DType.FLOAT64, 8);

        IllegalArgumentException thrown =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> layer.backward(gradOut, tape),
                        layer::toString);

        String message = String.valueOf(thrown.getMessage());
        assertTrue(
                message.contains(wrong.toString()), () -> "should name " + wrong + ": " + message);
        assertTrue(
                message.contains(output.toString()),
                () -> "should name " + output + ": " + message);
    }

    @ParameterizedTest(name = "input {0}")
    @MethodSource("shapes")
    void forwardAndBackwardLeaveTheirArgumentsUnchanged(Shape shape) {
        Layer layer = newLayer(backend());
        Tensor x = input(shape, 9);
        Tensor gradOut = outputGradient(layer, shape, 10);
        double[] xBefore = x.toDoubleArray();
        double[] gradBefore = gradOut.toDoubleArray();

        Tape tape = Tape.recording();
        layer.forward(x, tape);
        layer.backward(gradOut, tape);

        assertArrayEquals(xBefore, x.toDoubleArray(), layer + " changed its input");
        assertArrayEquals(gradBefore, gradOut.toDoubleArray(), layer + " changed gradOut");
    }

    @Test
    void whatBackwardNeedsIsKeptOnTheTapeNotInTheLayer() {
        Shape shape = firstShape();
        Tensor first = input(shape, 11);
        Tensor second = input(shape, 12);
        Layer alone = newLayer(backend());
        Tensor gradOut = outputGradient(alone, shape, 13);
        double[] aloneInput = inputGradient(alone, first, gradOut);

        Layer layer = newLayer(backend());
        Tape firstTape = Tape.recording();
        Tape secondTape = Tape.recording();
        layer.forward(first, firstTape);
        layer.forward(second, secondTape);
        double[] interleavedInput = layer.backward(gradOut, firstTape).toDoubleArray();

        String why = layer + ": a second forward on another tape changed the first one's backward";
        assertArrayEquals(aloneInput, interleavedInput, why + " (input gradient)");
        List<double[]> expected = gradients(alone);
        List<double[]> actual = gradients(layer);
        for (int p = 0; p < expected.size(); p++) {
            String name = layer.parameters().get(p).name();
            assertArrayEquals(expected.get(p), actual.get(p), why + " (" + name + ")");
        }
    }

    @Test
    void parameterGradientsAccumulateUntilZeroed() {
        Layer layer = newLayer(backend());
        Tensor x = input(firstShape(), 14);
        Tensor gradOut = outputGradient(layer, firstShape(), 15);

        backwardOnce(layer, x, gradOut);
        List<double[]> once = gradients(layer);
        backwardOnce(layer, x, gradOut);
        List<double[]> twice = gradients(layer);
        layer.parameters().forEach(Parameter::zeroGradient);

        for (int p = 0; p < once.size(); p++) {
            String name = layer.parameters().get(p).name();
            for (int i = 0; i < once.get(p).length; i++) {
                double expected = 2 * once.get(p)[i];
                double allowed = 1e-12 * Math.abs(expected) + 1e-15;
                assertEquals(expected, twice.get(p)[i], allowed, name + " entry " + i);
            }
            assertArrayEquals(
                    new double[once.get(p).length],
                    layer.parameters().get(p).gradient().toDoubleArray(),
                    name + " after zeroGradient");
        }
    }

    @Test
    void backwardParametersFillsTheSameGradientsAsBackward() {
        Layer layer = newLayer(backend());
        Tensor x = input(firstShape(), 16);
        Tensor gradOut = outputGradient(layer, firstShape(), 17);

        backwardOnce(layer, x, gradOut);
        List<double[]> full = gradients(layer);
        layer.parameters().forEach(Parameter::zeroGradient);
        Tape tape = Tape.recording();
        layer.forward(x, tape);
        layer.backwardParameters(gradOut, tape);
        List<double[]> partial = gradients(layer);

        for (int p = 0; p < full.size(); p++) {
            assertArrayEquals(full.get(p), partial.get(p), layer.parameters().get(p).name());
        }
    }

    @Test
    void parametersAreNamedInOrderAndDistinct() {
        Layer layer = newLayer(backend());
        List<Parameter> parameters = layer.parameters();

        assertEquals(parameters, new ArrayList<>(layer.namedParameters().values()));
        assertEquals(parameters.size(), layer.namedParameters().size(), "names are not unique");
        for (Parameter parameter : parameters) {
            assertFalse(parameter.name().isBlank(), () -> layer + " has a nameless parameter");
            assertEquals(DType.FLOAT64, parameter.value().dtype(), parameter::toString);
            assertNotSame(parameter.value(), parameter.gradient(), parameter::toString);
        }
    }

    private Shape firstShape() {
        return shapes().findFirst().orElseThrow();
    }

    /** A seeded dL/d(output) of the shape that {@code layer} gives for inputs of {@code shape}. */
    private Tensor outputGradient(Layer layer, Shape shape, long seed) {
        Shape output = layer.predict(input(shape, seed)).shape();
        return TestTensors.uniform(backend(), output, DType.FLOAT64, seed + 1000);
    }

    private static double[] inputGradient(Layer layer, Tensor x, Tensor gradOut) {
        Tape tape = Tape.recording();
        layer.forward(x, tape);
        return layer.backward(gradOut, tape).toDoubleArray();
    }

    private static void backwardOnce(Layer layer, Tensor x, Tensor gradOut) {
        inputGradient(layer, x, gradOut);
    }

    private static List<double[]> gradients(Layer layer) {
        List<double[]> gradients = new ArrayList<>();
        layer.parameters().forEach(p -> gradients.add(p.gradient().toDoubleArray()));
        return gradients;
    }

    private void assertPasses(String what, GradientCheckReport report) {
        double tolerance = tolerance();
        assertTrue(
                report.passes(tolerance),
                () -> what + ": error above " + tolerance + " at " + report.worst());
    }
}

package org.backprop4j.guides.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.backprop4j.backend.Backends;
import org.backprop4j.nn.Layer;
import org.backprop4j.nn.Layers;
import org.backprop4j.nn.Parameter;
import org.backprop4j.nn.Tape;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.Tensor;
import org.backprop4j.testkit.LayerGradientSuite;
import org.backprop4j.testkit.TestTensors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs {@link LayerGradientSuite} on layers that each break one rule of the {@link Layer} contract,
 * and checks that the suite's test for that rule fails, and only the tests that should. The broken
 * suites are nested classes, which the build's test run leaves out by itself.
 */
class LayerGradientSuiteCatchesBrokenLayersTest {
    static final String BROKEN = "broken-on-purpose";

    @Test
    void aWrongDerivativeFailsOnlyTheNumericalChecks() {
        Set<String> failed = failedTests(WrongDerivativeSuite.class);

        assertEquals(
                Set.of(
                        "gradientsMatchCentralDifferences",
                        "gradientsMatchCentralDifferencesForOneRow"),
                failed);
    }

    @Test
    void aLayerThatKeepsItsInputInAFieldFailsTheTapeTest() {
        Set<String> failed = failedTests(InputInAFieldSuite.class);

        assertEquals(Set.of("whatBackwardNeedsIsKeptOnTheTapeNotInTheLayer"), failed);
    }

    @Test
    void gradientsThatOverwriteInsteadOfAccumulateFailTheAccumulationTest() {
        Set<String> failed = failedTests(OverwritingSuite.class);

        assertEquals(Set.of("parameterGradientsAccumulateUntilZeroed"), failed);
    }

    @Test
    void aLayerThatChangesItsInputFailsTheArgumentsTest() {
        Set<String> failed = failedTests(InputChangingSuite.class);

        assertTrue(
                failed.contains("forwardAndBackwardLeaveTheirArgumentsUnchanged"),
                failed::toString);
    }

    @Test
    void theCorrectLayersFailNothing() {
        assertEquals(Set.of(), failedTests(CorrectSuite.class));
    }

    /** The names of the test methods of {@code suite} that did not succeed. */
    private static Set<String> failedTests(Class<?> suite) {
        Set<String> failed = new TreeSet<>();
        TestExecutionListener listener =
                new TestExecutionListener() {
                    @Override
                    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                        if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                            test.getSource()
                                    .filter(MethodSource.class::isInstance)
                                    .map(source -> ((MethodSource) source).getMethodName())
                                    .ifPresent(failed::add);
                        }
                    }
                };
        LauncherFactory.create()
                .execute(
                        LauncherDiscoveryRequestBuilder.request()
                                .selectors(selectClass(suite))
                                .build(),
                        listener);
        return failed;
    }

    /** A suite on the naive backend with shapes that every broken layer below accepts. */
    @Tag(BROKEN)
    abstract static class NaiveSuite extends LayerGradientSuite {
        @Override
        protected Backend backend() {
            return Backends.get("naive");
        }

        @Override
        protected List<Shape> inputShapes() {
            return List.of(Shape.of(4, 3));
        }
    }

    static class CorrectSuite extends NaiveSuite {
        @Override
        protected Layer newLayer(Backend backend) {
            return new Swish();
        }
    }

    /** Swish whose backward forgets the {@code x s (1 - s)} term of the derivative. */
    static class WrongDerivativeSuite extends NaiveSuite {
        @Override
        protected Layer newLayer(Backend backend) {
            return new Layer() {
                @Override
                public Tensor forward(Tensor input, Tape tape) {
                    Tensor sigmoid = input.backend().sigmoid(input);
                    tape.save(this, sigmoid);
                    return input.backend().mul(input, sigmoid);
                }

                @Override
                public Tensor backward(Tensor gradOutput, Tape tape) {
                    Tensor sigmoid = tape.restore(this, Tensor.class);
                    Layers.requireGradientShape(this, gradOutput, sigmoid.shape());
                    return gradOutput.backend().mul(gradOutput, sigmoid);
                }
            };
        }
    }

    /** A layer {@code y = x * x} that restores its input from a field, not from the tape. */
    static class InputInAFieldSuite extends NaiveSuite {
        @Override
        protected Layer newLayer(Backend backend) {
            return new Layer() {
                private Tensor input;

                @Override
                public Tensor forward(Tensor x, Tape tape) {
                    input = x;
                    tape.save(this, x.shape());
                    return x.backend().mul(x, x);
                }

                @Override
                public Tensor backward(Tensor gradOutput, Tape tape) {
                    Shape shape = tape.restore(this, Shape.class);
                    Layers.requireGradientShape(this, gradOutput, shape);
                    Backend backend = gradOutput.backend();
                    return backend.mul(gradOutput, backend.scale(input, 2));
                }
            };
        }
    }

    /** ElementwiseAffine's rule, {@code y = x * scale}, with gradients copied, not added. */
    static class OverwritingSuite extends NaiveSuite {
        @Override
        protected Layer newLayer(Backend backend) {
            Tensor values = TestTensors.uniform(backend, Shape.of(1, 3), DType.FLOAT64, 5);
            Parameter scale = new Parameter("scale", values);
            return new Layer() {
                @Override
                public Tensor forward(Tensor input, Tape tape) {
                    tape.save(this, input);
                    return input.backend().mul(input, scale.value());
                }

                @Override
                public Tensor backward(Tensor gradOutput, Tape tape) {
                    Tensor input = tape.restore(this, Tensor.class);
                    Layers.requireGradientShape(this, gradOutput, input.shape());
                    Backend backend = gradOutput.backend();
                    Tensor gradient = backend.sumColumns(backend.mul(gradOutput, input));
                    backend.copyInPlace(scale.gradient(), gradient);
                    return backend.mul(gradOutput, scale.value());
                }

                @Override
                public List<Parameter> parameters() {
                    return List.of(scale);
                }
            };
        }
    }

    /** A correct {@code y = 2x} whose forward doubles its input in place to get there. */
    static class InputChangingSuite extends NaiveSuite {
        @Override
        protected Layer newLayer(Backend backend) {
            return new Layer() {
                @Override
                public Tensor forward(Tensor input, Tape tape) {
                    tape.save(this, input.shape());
                    input.backend().scaleInPlace(input, 2);
                    return input;
                }

                @Override
                public Tensor backward(Tensor gradOutput, Tape tape) {
                    Shape shape = tape.restore(this, Shape.class);
                    Layers.requireGradientShape(this, gradOutput, shape);
                    return gradOutput.backend().scale(gradOutput, 2);
                }
            };
        }
    }
}

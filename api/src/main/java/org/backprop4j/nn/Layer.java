package org.backprop4j.nn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backprop4j.tensor.Tensor;

/**
 * One differentiable step of a network: a function of its input and its parameters.
 *
 * <p>The contract, which {@code testkit}'s gradient checks hold every layer to:
 *
 * <ol>
 *   <li>{@link #forward} maps a {@code batch x in} input to a {@code batch x out} output. It saves
 *       what backward needs on the {@link Tape} it is given, never in the layer's fields, and
 *       neither modifies its input nor keeps a reference to it outside the tape.
 *   <li>{@link #backward} takes dL/d(output) for the latest forward of this layer on the same tape,
 *       returns dL/d(input), and <em>adds</em> dL/d(parameter) into each parameter's {@link
 *       Parameter#gradient()}: gradients accumulate until {@link Parameter#zeroGradient()}.
 *   <li>Backward without its forward throws {@link IllegalStateException}; a gradient whose shape
 *       differs from that forward's output throws {@link IllegalArgumentException} (a {@link
 *       org.backprop4j.tensor.ShapeMismatchException}) naming the layer and both shapes.
 * </ol>
 *
 * <p>A layer's own state is its parameters and its {@link #namedBuffers() buffers}. Parameters
 * change only through optimizers; buffers, such as {@link BatchNorm}'s running statistics, change
 * only in forward passes on a {@link Tape#isTraining() training} tape. So forward passes on
 * non-training tapes may run on many threads at once while no one trains the model.
 */
public interface Layer {

    /** The output for {@code input}, recording on {@code tape} what backward needs. */
    Tensor forward(Tensor input, Tape tape);

    /** dL/d(input), given dL/d(output); accumulates parameter gradients. See the class comment. */
    Tensor backward(Tensor gradOutput, Tape tape);

    /**
     * As {@link #backward}, for a caller that does not need dL/d(input), such as a training step
     * whose input is data: parameter gradients accumulate the same, and a layer may skip the work
     * of the input gradient. For the first layer of the lesson's MNIST network that is a 128 x 128
     * by 128 x 784 product, a quarter of the step's arithmetic. By default it calls backward.
     */
    default void backwardParameters(Tensor gradOutput, Tape tape) {
        backward(gradOutput, tape);
    }

    /** The trainable parameters, in a fixed order; empty for layers without any. */
    default List<Parameter> parameters() {
        return List.of();
    }

    /**
     * The parameters by their path in the model, in {@link #parameters()} order: "weight" here,
     * "0.weight" once inside a {@link Sequential}. These are the names in model files.
     */
    default Map<String, Parameter> namedParameters() {
        Map<String, Parameter> named = new LinkedHashMap<>();
        for (Parameter parameter : parameters()) {
            named.put(parameter.name(), parameter);
        }
        return named;
    }

    /**
     * The layer's state that gradients do not train but that belongs with the model, such as {@link
     * BatchNorm}'s running statistics, by path as in {@link #namedParameters()}: "running_mean"
     * here, "1.running_mean" inside a {@link Sequential}. Model files save and load these beside
     * the parameters. The tensors are the layer's own, not copies: loading a model file overwrites
     * them in place. Empty by default.
     */
    default Map<String, Tensor> namedBuffers() {
        return Map.of();
    }

    /** The output for {@code input} with nothing recorded: safe from many threads at once. */
    default Tensor predict(Tensor input) {
        return forward(input, Tape.inference());
    }
}

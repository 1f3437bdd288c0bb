package org.backprop4j.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backprop4j.tensor.Tensor;

/**
 * Layers applied one after another; backward runs them in reverse, each layer's input gradient
 * becoming the previous layer's output gradient (the chain rule).
 *
 * <p>Parameters and buffers are named by position: the weight of the first layer is {@code
 * 0.weight}.
 */
public final class Sequential implements Layer {
    private final List<Layer> layers;

    public Sequential(List<? extends Layer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("A Sequential needs at least one layer");
        }
        this.layers = List.copyOf(layers);
    }

    public Sequential(Layer... layers) {
        this(List.of(layers));
    }

    /** The layers in forward order. */
    public List<Layer> layers() {
        return layers;
    }

    @Override
    public Tensor forward(Tensor input, Tape tape) {
        Tensor activation = input;
        for (Layer layer : layers) {
            activation = layer.forward(activation, tape);
        }
        return activation;
    }

    @Override
    public Tensor backward(Tensor gradOutput, Tape tape) {
        Tensor gradient = gradOutput;
        for (int i = layers.size() - 1; i >= 0; i--) {
            gradient = layers.get(i).backward(gradient, tape);
        }
        return gradient;
    }

    /** Backward through every layer but the first, which only fills its parameter gradients. */
    @Override
    public void backwardParameters(Tensor gradOutput, Tape tape) {
        Tensor gradient = gradOutput;
        for (int i = layers.size() - 1; i > 0; i--) {
            gradient = layers.get(i).backward(gradient, tape);
        }
        layers.get(0).backwardParameters(gradient, tape);
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> parameters = new ArrayList<>();
        layers.forEach(layer -> parameters.addAll(layer.parameters()));
        return parameters;
    }

    @Override
    public Map<String, Parameter> namedParameters() {
        Map<String, Parameter> named = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            String prefix = i + ".";
            layers.get(i).namedParameters().forEach((name, p) -> named.put(prefix + name, p));
        }
        return named;
    }

    @Override
    public Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> named = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            String prefix = i + ".";
            layers.get(i).namedBuffers().forEach((name, b) -> named.put(prefix + name, b));
        }
        return named;
    }

    @Override
    public String toString() {
        return "Sequential" + layers;
    }
}

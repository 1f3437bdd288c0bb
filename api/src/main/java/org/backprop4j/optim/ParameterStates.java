package org.backprop4j.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.backprop4j.nn.Parameter;
import org.backprop4j.optim.OptimizerState.ParameterState;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.Tensor;

/**
 * The bookkeeping every optimizer of this package shares: its step count, and for each parameter it
 * has seen a step count and named state tensors ("slots").
 *
 * <p>Lifecycle: a parameter's slots are created, zero and on the parameter's backend, by the first
 * {@link #enter} for that parameter; they are replaced only by {@link #load}, and live as long as
 * the optimizer. Parameters are told apart by identity, as {@link Parameter} does not override
 * {@code equals}.
 */
final class ParameterStates {

    /** The slots of one parameter, in the order of the optimizer's slot names. */
    static final class Slots {
        private long steps;
        private final Tensor[] tensors;

        private Slots(long steps, Tensor[] tensors) {
            this.steps = steps;
            this.tensors = tensors;
        }

        /** The number of steps that have updated the parameter, this one included. */
        long steps() {
            return steps;
        }

        Tensor get(int slot) {
            return tensors[slot];
        }
    }

    private final String kind;
    private final List<String> slotNames;
    private final Map<Parameter, Slots> slots = new LinkedHashMap<>();
    private long steps;

    ParameterStates(String kind, List<String> slotNames) {
        this.kind = kind;
        this.slotNames = List.copyOf(slotNames);
    }

    /** The number of steps finished, which is the index of the step under way. */
    long steps() {
        return steps;
    }

    /**
     * The slots of {@code parameter} for the step under way, created zero on its first step, with
     * the parameter's step count advanced by one.
     */
    Slots enter(Parameter parameter) {
        Slots state = slots.get(parameter);
        if (state == null) {
            Tensor[] tensors = new Tensor[slotNames.size()];
            for (int i = 0; i < tensors.length; i++) {
                tensors[i] =
                        parameter.backend().zeros(parameter.shape(), parameter.value().dtype());
            }
            state = new Slots(0, tensors);
            slots.put(parameter, state);
        }
        state.steps++;
        return state;
    }

    /** Ends the step under way. */
    void finishStep() {
        steps++;
    }

    /**
     * The learning rate of the step under way.
     *
     * @throws IllegalStateException if the schedule gives a negative or non-finite rate
     */
    double rate(LearningRateSchedule schedule) {
        double rate = schedule.rate(steps);
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalStateException(
                    kind
                            + ": schedule "
                            + schedule
                            + " gave the learning rate "
                            + rate
                            + " for step "
                            + steps
                            + "; a schedule must give finite rates that are not negative");
        }
        return rate;
    }

    OptimizerState export(Map<String, String> hyperParameters) {
        Map<Parameter, ParameterState> exported = new LinkedHashMap<>();
        slots.forEach(
                (parameter, state) -> {
                    Map<String, Tensor> named = new LinkedHashMap<>();
                    for (int i = 0; i < slotNames.size(); i++) {
                        named.put(slotNames.get(i), copyOf(state.get(i)));
                    }
                    exported.put(parameter, new ParameterState(state.steps, named));
                });
        return new OptimizerState(kind, hyperParameters, steps, exported);
    }

    /**
     * Replaces all state with a copy of {@code state}, after checking all of it.
     *
     * @throws IllegalArgumentException listing every problem, with nothing changed
     */
    void load(OptimizerState state, Map<String, String> hyperParameters) {
        List<String> problems = new ArrayList<>();
        if (!state.kind().equals(kind)) {
            problems.add("it is the state of optimizer '" + state.kind() + "'");
        } else {
            checkHyperParameters(state.hyperParameters(), hyperParameters, problems);
        }
        state.parameters().forEach((parameter, saved) -> check(parameter, saved, state, problems));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(
                    "loadState: the state does not fit this optimizer ('"
                            + kind
                            + "' with "
                            + hyperParameters
                            + "): "
                            + String.join("; ", problems)
                            + ". Build the optimizer the state was saved from, with the same"
                            + " hyper-parameters and the same model");
        }

        Map<Parameter, Slots> loaded = new LinkedHashMap<>();
        state.parameters()
                .forEach(
                        (parameter, saved) -> {
                            Tensor[] tensors = new Tensor[slotNames.size()];
                            for (int i = 0; i < tensors.length; i++) {
                                tensors[i] = copyOf(saved.slots().get(slotNames.get(i)));
                            }
                            loaded.put(parameter, new Slots(saved.steps(), tensors));
                        });
        slots.clear();
        slots.putAll(loaded);
        steps = state.steps();
    }

    private static void checkHyperParameters(
            Map<String, String> saved, Map<String, String> expected, List<String> problems) {
        Set<String> names = new LinkedHashSet<>(expected.keySet());
        names.addAll(saved.keySet());
        for (String name : names) {
            String was = saved.get(name);
            String is = expected.get(name);
            if (was == null || !was.equals(is)) {
                problems.add(name + " was " + was + ", here it is " + is);
            }
        }
    }

    private void check(
            Parameter parameter,
            ParameterState saved,
            OptimizerState state,
            List<String> problems) {
        if (!Set.copyOf(slotNames).equals(saved.slots().keySet())) {
            problems.add(
                    parameter
                            + " has the slots "
                            + saved.slots().keySet()
                            + " instead of "
                            + slotNames);
            return;
        }
        if (saved.steps() < 1 || saved.steps() > state.steps()) {
            problems.add(
                    parameter
                            + " claims "
                            + saved.steps()
                            + " steps, outside 1 to the optimizer's "
                            + state.steps());
        }
        saved.slots()
                .forEach(
                        (name, tensor) -> {
                            if (tensor.backend() != parameter.backend()
                                    || tensor.dtype() != parameter.value().dtype()
                                    || !tensor.shape().equals(parameter.shape())) {
                                problems.add(
                                        parameter
                                                + " slot "
                                                + name
                                                + " is "
                                                + tensor
                                                + ", the parameter "
                                                + parameter.value());
                            }
                        });
    }

    /** A copy through the in-place primitives, which even storage-only backends provide. */
    private static Tensor copyOf(Tensor tensor) {
        Backend backend = tensor.backend();
        Tensor copy = backend.zeros(tensor.shape(), tensor.dtype());
        backend.copyInPlace(copy, tensor);
        return copy;
    }
}

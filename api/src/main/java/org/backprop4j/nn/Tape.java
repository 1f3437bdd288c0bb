package org.backprop4j.nn;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The record of one forward pass that its backward pass reads.
 *
 * <p>Layers keep their parameters in fields and everything else here: during {@link Layer#forward}
 * a layer {@link #save saves} what its {@link Layer#backward} will need (its input, its output),
 * and backward {@link #restore restores} it. Saves are a stack per layer, so a layer used twice in
 * one pass is undone in reverse order, as the chain rule requires. An {@link #inference()} tape
 * keeps nothing, which is what lets one model serve many threads at once.
 *
 * <p>A tape belongs to one pass on one thread; make a new one for every training step.
 */
public final class Tape {
    private static final Tape INFERENCE = new Tape(false);

    private final boolean recording;
    private final Map<Layer, Deque<Object>> saved = new IdentityHashMap<>();

    private Tape(boolean recording) {
        this.recording = recording;
    }

    /** A new tape for a training pass: forward records, backward replays. */
    public static Tape recording() {
        return new Tape(true);
    }

    /** The shared tape for inference: it keeps nothing, and backward on it fails. */
    public static Tape inference() {
        return INFERENCE;
    }

    /** Whether forward passes on this tape keep what backward needs. */
    public boolean isRecording() {
        return recording;
    }

    /** Keeps {@code state} for {@code layer}'s backward; does nothing on an inference tape. */
    public void save(Layer layer, Object state) {
        if (recording) {
            saved.computeIfAbsent(layer, key -> new ArrayDeque<>()).push(state);
        }
    }

    /**
     * Takes back the state that {@code layer}'s latest unmatched forward saved.
     *
     * @throws IllegalStateException if that layer has no forward on this tape to undo
     */
    public <T> T restore(Layer layer, Class<T> type) {
        Deque<Object> states = saved.get(layer);
        if (states == null || states.isEmpty()) {
            throw new IllegalStateException(
                    layer
                            + ".backward was called without a matching forward on this tape"
                            + (recording
                                    ? ""
                                    : " (inference tapes record nothing; use Tape.recording())"));
        }
        return type.cast(states.pop());
    }
}

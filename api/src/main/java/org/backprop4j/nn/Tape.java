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
 * <p>A tape also says whether its pass {@link #isTraining() trains}. Layers that act differently in
 * training read it: {@link Dropout} drops elements only in training, and {@link BatchNorm}
 * normalizes with the batch's statistics (updating its running ones) only in training, and with its
 * running statistics otherwise. A {@link #recording()} tape trains; the {@link #inference()} tape
 * and a {@link #recordingInference()} tape do not.
 *
 * <p>A tape belongs to one pass on one thread; make a new one for every training step.
 */
public final class Tape {
    private static final Tape INFERENCE = new Tape(false, false);

    private final boolean recording;
    private final boolean training;
    private final Map<Layer, Deque<Object>> saved = new IdentityHashMap<>();

    private Tape(boolean recording, boolean training) {
        this.recording = recording;
        this.training = training;
    }

    /** A new tape for a training pass: forward records, backward replays. */
    public static Tape recording() {
        return new Tape(true, true);
    }

    /** The shared tape for inference: it keeps nothing, and backward on it fails. */
    public static Tape inference() {
        return INFERENCE;
    }

    /**
     * A new tape that records for backward while layers act as in inference: the gradient of a
     * trained model as it predicts, for saliency or adversarial inputs, for fine-tuning with frozen
     * batch statistics, and for gradient checks of inference. Forward writes no layer state on it,
     * so passes on separate tapes of this kind may run on many threads at once.
     */
    public static Tape recordingInference() {
        return new Tape(true, false);
    }

    /** Whether forward passes on this tape keep what backward needs. */
    public boolean isRecording() {
        return recording;
    }

    /** Whether this pass trains: only {@link #recording()} tapes do. */
    public boolean isTraining() {
        return training;
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

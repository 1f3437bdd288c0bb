package org.backprop4j.data.mnist;

import java.util.Objects;

/**
 * The labels of an IDX file of unsigned bytes with one dimension, each a value from 0 to 255.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class IdxLabels {
    private final String source;
    private final byte[] labels;

    /** Takes ownership of {@code labels}. */
    IdxLabels(String source, byte[] labels) {
        this.source = Objects.requireNonNull(source, "source");
        this.labels = labels;
    }

    /** The file or resource the labels were read from. */
    public String source() {
        return source;
    }

    /** The number of labels. */
    public int count() {
        return labels.length;
    }

    /** The label at {@code index}, 0 to 255. */
    public int label(int index) {
        return labels[index] & 0xFF;
    }

    /** All labels, in a new array. */
    public int[] toArray() {
        int[] out = new int[labels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = labels[i] & 0xFF;
        }
        return out;
    }
}

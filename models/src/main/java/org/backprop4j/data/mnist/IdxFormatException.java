package org.backprop4j.data.mnist;

import java.io.IOException;

/**
 * An IDX file, or a pair of image and label files, is not what it must be: truncated, with a wrong
 * magic number, with bytes after the declared data, with counts that disagree, or with a label out
 * of range. The message names the file and the problem.
 */
public class IdxFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;

    /**
     * @param source the file or resource that is wrong, as the user would recognise it
     * @param problem what is wrong with it, and where
     */
    public IdxFormatException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
    }

    /** The file or resource that is wrong. */
    public String source() {
        return source;
    }
}

package org.backprop4j.data.mnist;

import java.io.IOException;

/**
 * MNIST cannot be had in verified form: files are missing and no source delivered them, or a file
 * in the data directory is not the original. The message lists what was tried, with each error, and
 * how to place the files by hand.
 */
public class MnistUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    public MnistUnavailableException(String message) {
        super(message);
    }
}

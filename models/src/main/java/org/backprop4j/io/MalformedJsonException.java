package org.backprop4j.io;

/** A header that is not the strict JSON a safetensors header may be; the reader adds the file. */
final class MalformedJsonException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedJsonException(String problem, int offset) {
        super(problem + " at character " + offset + " of the header");
    }
}

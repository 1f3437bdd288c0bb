package org.backprop4j.backend;

/**
 * A backend that was asked for cannot be had: its name is unknown, or it cannot start here. The
 * message lists the backends that exist and why each unavailable one is.
 */
public class BackendUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BackendUnavailableException(String message) {
        super(message);
    }

    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

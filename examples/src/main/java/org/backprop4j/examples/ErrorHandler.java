package org.backprop4j.examples;

import org.backprop4j.backend.BackendUnavailableException;
import org.backprop4j.train.TrainingDivergedException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns the failures a user can fix (a bad backend, bad data, a diverging run) into one message
 * without a stack trace, and leaves stack traces for bugs.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
    /** Exit code for failures caused by input or environment, not by a bug. */
    static final int USER_ERROR = 2;

    @Override
    public int handleExecutionException(
            Exception exception, CommandLine commandLine, ParseResult parseResult)
            throws Exception {
        if (exception instanceof BackendUnavailableException
                || exception instanceof TrainingDivergedException
                || exception instanceof IllegalArgumentException
                || exception instanceof java.io.IOException
                || exception instanceof java.io.UncheckedIOException) {
            commandLine.getErr().println("error: " + exception.getMessage());
            return USER_ERROR;
        }
        throw exception;
    }
}

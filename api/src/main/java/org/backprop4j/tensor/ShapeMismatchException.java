package org.backprop4j.tensor;

/** Two shapes that an operation cannot combine; the message names the operation and both. */
public class ShapeMismatchException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String operation;
    private final Shape left;
    private final Shape right;

    public ShapeMismatchException(String operation, Shape left, Shape right, String expectation) {
        super(
                operation
                        + ": shapes "
                        + left
                        + " and "
                        + right
                        + " do not fit ("
                        + expectation
                        + ")");
        this.operation = operation;
        this.left = left;
        this.right = right;
    }

    public String operation() {
        return operation;
    }

    public Shape left() {
        return left;
    }

    public Shape right() {
        return right;
    }
}

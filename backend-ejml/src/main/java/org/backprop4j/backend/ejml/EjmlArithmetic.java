package org.backprop4j.backend.ejml;

/** The four elementwise binary operations, as the kernels of both data types apply them. */
enum EjmlArithmetic {
    ADD,
    SUB,
    MUL,
    DIV;

    double apply(double x, double y) {
        switch (this) {
            case ADD:
                return x + y;
            case SUB:
                return x - y;
            case MUL:
                return x * y;
            default:
                return x / y;
        }
    }

    float apply(float x, float y) {
        switch (this) {
            case ADD:
                return x + y;
            case SUB:
                return x - y;
            case MUL:
                return x * y;
            default:
                return x / y;
        }
    }
}

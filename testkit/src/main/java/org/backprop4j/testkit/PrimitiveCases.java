package org.backprop4j.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.Tensor;

/** The tables of cases that {@link PrimitiveConformanceSuite} runs through. */
final class PrimitiveCases {

    /** Shapes of single-tensor cases: the edge shapes 1x1, 1xn and nx1, then ordinary ones. */
    static final List<Shape> SHAPES =
            List.of(
                    Shape.of(1, 1),
                    Shape.of(1, 7),
                    Shape.of(7, 1),
                    Shape.of(5, 3),
                    Shape.of(64, 10));

    /** Products of {@code m x k} by {@code k x n}: edge shapes, then an MNIST hidden layer. */
    static final List<Product> PRODUCTS =
            List.of(
                    new Product(1, 1, 1),
                    new Product(1, 5, 7),
                    new Product(7, 5, 1),
                    new Product(6, 1, 4),
                    new Product(3, 4, 5),
                    new Product(17, 33, 9),
                    new Product(128, 784, 128));

    /** Values of beta for matmulInPlace: overwrite, accumulate, and blend. */
    static final List<Double> BETAS = List.of(0.0, 1.0, 0.5);

    /** Every operation of one tensor that returns a tensor. */
    static final List<Unary> UNARY =
            List.of(
                    new Unary("copy", -1, 1, Backend::copy),
                    new Unary("exp", -5, 5, Backend::exp),
                    new Unary("log", 0.01, 10, Backend::log),
                    new Unary("sqrt", 0, 10, Backend::sqrt),
                    new Unary("affine", -1, 1, (b, a) -> b.affine(a, 1.5, -0.25)),
                    new Unary("scale", -1, 1, (b, a) -> b.scale(a, -3)),
                    new Unary("maximum", -1, 1, (b, a) -> b.maximum(a, 0.25)),
                    new Unary("greaterThan", -1, 1, (b, a) -> b.greaterThan(a, 0.25)),
                    new Unary("relu", -1, 1, Backend::relu),
                    new Unary("sigmoid", -10, 10, Backend::sigmoid),
                    new Unary("tanh", -5, 5, Backend::tanh),
                    new Unary("softmaxRows", -10, 10, Backend::softmaxRows),
                    new Unary("logSumExpRows", -10, 10, Backend::logSumExpRows),
                    new Unary("sumColumns", -1, 1, Backend::sumColumns),
                    new Unary("sumRows", -1, 1, Backend::sumRows),
                    new Unary("maxRows", -1, 1, Backend::maxRows));

    /** Every operation that takes two tensors; each must refuse a pair of 2x3 and 4x5. */
    static final List<TwoTensorOperation> TWO_TENSOR_OPERATIONS =
            List.of(
                    new TwoTensorOperation("add", Backend::add),
                    new TwoTensorOperation("sub", Backend::sub),
                    new TwoTensorOperation("mul", Backend::mul),
                    new TwoTensorOperation("div", Backend::div),
                    new TwoTensorOperation("matmul", Backend::matmul),
                    new TwoTensorOperation(
                            "matmul (a transposed)", (be, a, b) -> be.matmul(a, true, b, false)),
                    new TwoTensorOperation(
                            "matmul (b transposed)", (be, a, b) -> be.matmul(a, false, b, true)),
                    new TwoTensorOperation("matmulInPlace", PrimitiveCases::matmulInPlace),
                    new TwoTensorOperation(
                            "addScaledInPlace", (be, a, b) -> be.addScaledInPlace(a, 1, b)),
                    new TwoTensorOperation("copyInPlace", Backend::copyInPlace),
                    new TwoTensorOperation("reluBackward", Backend::reluBackward));

    /** Every operation that takes one tensor. */
    static final List<OneTensorUse> ONE_TENSOR_USES = oneTensorUses();

    private PrimitiveCases() {}

    private static void matmulInPlace(Backend backend, Tensor a, Tensor b) {
        Tensor out = backend.zeros(Shape.of(a.rows(), b.cols()), a.dtype());
        backend.matmulInPlace(out, 1, a, false, b, false, 0);
    }

    private static List<OneTensorUse> oneTensorUses() {
        List<OneTensorUse> uses = new ArrayList<>();
        for (Unary unary : UNARY) {
            // scale is affine with no shift, and its messages name the operation that checks them.
            String reported = unary.name().equals("scale") ? "affine" : unary.name();
            uses.add(new OneTensorUse(unary.name(), reported, unary.function()::apply));
        }
        uses.add(new OneTensorUse("toDoubleArray", Backend::toDoubleArray));
        uses.add(new OneTensorUse("argmaxRows", Backend::argmaxRows));
        uses.add(new OneTensorUse("sum", Backend::sum));
        uses.add(new OneTensorUse("scaleInPlace", (be, a) -> be.scaleInPlace(a, 2)));
        uses.add(new OneTensorUse("fillInPlace", (be, a) -> be.fillInPlace(a, 2)));
        uses.add(new OneTensorUse("pickColumns", (be, a) -> be.pickColumns(a, new int[a.rows()])));
        uses.add(new OneTensorUse("matmulInPlace", PrimitiveCases::matmulInPlaceInto));
        return uses;
    }

    private static void matmulInPlaceInto(Backend backend, Tensor out) {
        Tensor own = backend.zeros(out.shape(), out.dtype());
        backend.matmulInPlace(out, 1, own, false, own, false, 0);
    }

    /** The dimensions of {@code op(a) * op(b)}: {@code m x k} times {@code k x n}. */
    record Product(int m, int k, int n) {
        Shape out() {
            return Shape.of(m, n);
        }

        @Override
        public String toString() {
            return m + "x" + k + " times " + k + "x" + n;
        }
    }

    /** The four ways a product may read its operands. */
    enum Form {
        PLAIN(false, false, "a * b"),
        TRANSPOSED_A(true, false, "a^T * b"),
        TRANSPOSED_B(false, true, "a * b^T"),
        TRANSPOSED_BOTH(true, true, "a^T * b^T");

        final boolean transposeA;
        final boolean transposeB;
        private final String text;

        Form(boolean transposeA, boolean transposeB, String text) {
            this.transposeA = transposeA;
            this.transposeB = transposeB;
            this.text = text;
        }

        /** The stored shape of a, so that op(a) is {@code m x k}. */
        Shape aShape(Product product) {
            return transposeA
                    ? Shape.of(product.k(), product.m())
                    : Shape.of(product.m(), product.k());
        }

        /** The stored shape of b, so that op(b) is {@code k x n}. */
        Shape bShape(Product product) {
            return transposeB
                    ? Shape.of(product.n(), product.k())
                    : Shape.of(product.k(), product.n());
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** The right operand shapes that elementwise arithmetic accepts. */
    enum Broadcast {
        SAME,
        ROW,
        COLUMN,
        SCALAR;

        Shape rightShape(Shape left) {
            switch (this) {
                case ROW:
                    return Shape.of(1, left.cols());
                case COLUMN:
                    return Shape.of(left.rows(), 1);
                case SCALAR:
                    return Shape.of(1, 1);
                default:
                    return left;
            }
        }
    }

    /** Elementwise arithmetic, with a range for random operands; division stays away from 0. */
    enum Arithmetic {
        ADD(-1, 1, Backend::add),
        SUB(-1, 1, Backend::sub),
        MUL(-1, 1, Backend::mul),
        DIV(0.25, 2, Backend::div);

        final double low;
        final double high;
        final TwoTensorFunction function;

        Arithmetic(double low, double high, TwoTensorFunction function) {
            this.low = low;
            this.high = high;
            this.function = function;
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @FunctionalInterface
    interface TwoTensorFunction {
        Tensor apply(Backend backend, Tensor a, Tensor b);
    }

    @FunctionalInterface
    interface TwoTensorCall {
        void apply(Backend backend, Tensor a, Tensor b);
    }

    @FunctionalInterface
    interface OneTensorCall {
        void apply(Backend backend, Tensor a);
    }

    /** An operation of one tensor and the range its random input is drawn from. */
    record Unary(
            String name, double low, double high, BiFunction<Backend, Tensor, Tensor> function) {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * An operation of two tensors, named as a shape mismatch names it, such as {@code matmul (a
     * transposed)}; other refusals name only the {@link #method()}.
     */
    record TwoTensorOperation(String name, TwoTensorCall call) {
        String method() {
            return name.split(" ")[0];
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** An operation of one tensor, and the name its error messages give it. */
    record OneTensorUse(String name, String reportedName, OneTensorCall call) {
        OneTensorUse(String name, OneTensorCall call) {
            this(name, name, call);
        }

        @Override
        public String toString() {
            return name;
        }
    }
}

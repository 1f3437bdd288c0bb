package org.backprop4j.benchmarks;

import static org.backprop4j.benchmarks.BackendBenchmark.BATCH;
import static org.backprop4j.benchmarks.BackendBenchmark.CLASSES;
import static org.backprop4j.benchmarks.BackendBenchmark.HIDDEN;
import static org.backprop4j.benchmarks.BackendBenchmark.PIXELS;

/**
 * The six matrix products of one training step of the lesson's MNIST network (784-128-10, batch
 * 128), as {@code op(a) * op(b)} with the stored shapes of {@code a} and {@code b}.
 *
 * <p>For layer {@code L1} (784 -> 128) with input {@code x} ({@code 128 x 784}), weight {@code W1}
 * ({@code 784 x 128}) and output gradient {@code g1} ({@code 128 x 128}): forward {@code x W1},
 * weight gradient {@code x^T g1}, input gradient {@code g1 W1^T}. Layer {@code L2} (128 -> 10)
 * likewise, with input {@code h} ({@code 128 x 128}), weight {@code W2} ({@code 128 x 10}) and
 * {@code g2} ({@code 128 x 10}). A training step runs five of them: {@code backwardParameters}
 * skips {@link #L1_INPUT_GRAD}, since the data needs no gradient.
 */
public enum Product {
    /** {@code x W1}: 128x784 by 784x128, 25.7 MFLOP. */
    L1_FORWARD(BATCH, PIXELS, false, PIXELS, HIDDEN, false),
    /** {@code x^T g1}: 784x128 (stored 128x784) by 128x128, 25.7 MFLOP. */
    L1_WEIGHT_GRAD(BATCH, PIXELS, true, BATCH, HIDDEN, false),
    /** {@code g1 W1^T}: 128x128 by 128x784 (stored 784x128), 25.7 MFLOP. */
    L1_INPUT_GRAD(BATCH, HIDDEN, false, PIXELS, HIDDEN, true),
    /** {@code h W2}: 128x128 by 128x10, 0.33 MFLOP. */
    L2_FORWARD(BATCH, HIDDEN, false, HIDDEN, CLASSES, false),
    /** {@code h^T g2}: 128x128 (stored 128x128) by 128x10, 0.33 MFLOP. */
    L2_WEIGHT_GRAD(BATCH, HIDDEN, true, BATCH, CLASSES, false),
    /** {@code g2 W2^T}: 128x10 by 10x128 (stored 128x10), 0.33 MFLOP. */
    L2_INPUT_GRAD(BATCH, CLASSES, false, HIDDEN, CLASSES, true);

    final int aRows;
    final int aCols;
    final boolean transposeA;
    final int bRows;
    final int bCols;
    final boolean transposeB;

    Product(int aRows, int aCols, boolean transposeA, int bRows, int bCols, boolean transposeB) {
        this.aRows = aRows;
        this.aCols = aCols;
        this.transposeA = transposeA;
        this.bRows = bRows;
        this.bCols = bCols;
        this.transposeB = transposeB;
    }

    /** The rows of the product. */
    int rows() {
        return transposeA ? aCols : aRows;
    }

    /** The inner dimension, summed over. */
    int inner() {
        return transposeA ? aRows : aCols;
    }

    /** The columns of the product. */
    int cols() {
        return transposeB ? bRows : bCols;
    }

    /** The floating-point operations of one product: a multiply and an add per inner term. */
    long flops() {
        return 2L * rows() * inner() * cols();
    }
}

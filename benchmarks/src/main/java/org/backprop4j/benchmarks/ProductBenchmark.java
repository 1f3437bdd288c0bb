package org.backprop4j.benchmarks;

import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.Tensor;
import org.backprop4j.tensor.TensorScope;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The matrix products of the MNIST step ({@link Product}), into a preallocated output and
 * allocating a new one.
 *
 * <p>The score is the time per product; {@link GflopsProfiler} adds the rate in GFLOP/s, and {@link
 * Product} states each product's FLOP count.
 */
@SuppressWarnings("try") // a scope acts by being closed, not by being referenced
public class ProductBenchmark extends BackendBenchmark {

    @Param public Product product;

    private Tensor a;
    private Tensor b;
    private Tensor out;

    @Override
    protected void prepare() {
        a = gaussian(product.aRows, product.aCols, 1);
        b = gaussian(product.bRows, product.bCols, 2);
        out = backendUnderTest.zeros(Shape.of(product.rows(), product.cols()), type);
    }

    /**
     * {@code out = op(a) op(b)}, overwriting ({@code beta = 0}) so that every call computes the
     * same values. A layer's weight gradient accumulates instead ({@code beta = 1}), which also
     * reads {@code out}.
     */
    @Benchmark
    public Tensor matmulInPlace() {
        backendUnderTest.matmulInPlace(out, 1, a, product.transposeA, b, product.transposeB, 0);
        return out;
    }

    /**
     * {@code op(a) op(b)} into a new tensor, in a {@link TensorScope} as in a training step, so
     * that native backends pay for freeing the result as well as for allocating it.
     */
    @Benchmark
    public void matmul(Blackhole blackhole) {
        try (TensorScope scope = backendUnderTest.openScope()) {
            blackhole.consume(
                    backendUnderTest.matmul(a, product.transposeA, b, product.transposeB));
        }
    }
}

package org.backprop4j.benchmarks;

import java.util.List;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Adds a {@code gflops} row, in GFLOP/s, to every benchmark that has a {@code product} parameter (a
 * {@link Product}), computed from the iteration's score and the product's FLOP count.
 *
 * <p>JMH's own counters cannot give this in the default mode: an operations counter is reported in
 * the primary score's unit, which for time per operation is microseconds per GFLOP. Enable it with
 * {@code -prof org.backprop4j.benchmarks.GflopsProfiler}; {@code bench/jmh} does so by default.
 * Other benchmarks get no extra row.
 */
public final class GflopsProfiler implements InternalProfiler {

    @Override
    public String getDescription() {
        return "GFLOP/s of the matrix products, from the time per product and its FLOP count";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {}

    @Override
    public List<ScalarResult> afterIteration(
            BenchmarkParams benchmarkParams,
            IterationParams iterationParams,
            IterationResult result) {
        String product = benchmarkParams.getParam("product");
        if (product == null) {
            return List.of();
        }
        double flops = Product.valueOf(product).flops();
        double score = result.getPrimaryResult().getScore();
        double secondsPerUnit = benchmarkParams.getTimeUnit().toNanos(1) / 1e9;
        double productsPerSecond =
                benchmarkParams.getMode() == Mode.Throughput
                        ? score / secondsPerUnit
                        : 1 / (score * secondsPerUnit);
        return List.of(
                new ScalarResult(
                        "gflops",
                        flops * productsPerSecond / 1e9,
                        "GFLOP/s",
                        AggregationPolicy.AVG));
    }
}

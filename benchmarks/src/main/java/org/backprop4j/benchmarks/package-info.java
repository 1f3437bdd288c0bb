/**
 * JMH benchmarks of one training step of the lesson's MNIST network (784-128-10, batch 128) and of
 * the operations it is made of, on every backend and in both data types.
 *
 * <ul>
 *   <li>{@link org.backprop4j.benchmarks.ProductBenchmark}: the step's six matrix products ({@link
 *       org.backprop4j.benchmarks.Product}), into a preallocated output and allocating.
 *   <li>{@link org.backprop4j.benchmarks.ElementwiseBenchmark}: bias add, ReLU forward and
 *       backward, the SGD update and softmax cross-entropy.
 *   <li>{@link org.backprop4j.benchmarks.TrainingStepBenchmark}: the whole step, as the trainer
 *       runs it.
 * </ul>
 *
 * <p>Every benchmark takes the parameters {@code backend} ({@code naive, ejml, nd4j, djl}) and
 * {@code dtype} ({@code float64, float32}); narrow them with {@code -p backend=nd4j,djl}. Scores
 * are microseconds per operation; the products also get GFLOP/s from {@link
 * org.backprop4j.benchmarks.GflopsProfiler}. Run them with {@code bench/jmh} at the root, which
 * builds this module when needed, sets {@code OMP_WAIT_POLICY=passive} for the native backends'
 * OpenMP threads and passes its arguments to JMH. The build compiles the benchmarks and never runs
 * them. Threads per operation follow each backend's default (one per core) unless {@code
 * BACKPROP4J_JAVA_OPTS=-Dbackprop4j.threads=N bench/jmh ...} says otherwise: JMH's forks inherit
 * the options of the JVM that starts them, while its {@code -jvmArgsAppend} would replace the heap
 * settings of the benchmarks' {@code @Fork}.
 */
package org.backprop4j.benchmarks;

package org.backprop4j.benchmarks;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.backprop4j.backend.Backends;
import org.backprop4j.models.Presets;
import org.backprop4j.random.PortableRandom;
import org.backprop4j.tensor.Backend;
import org.backprop4j.tensor.DType;
import org.backprop4j.tensor.Shape;
import org.backprop4j.tensor.Tensor;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What every benchmark runs over: the backend, by the name users select it with, and the data type.
 * Each benchmark class extends this one and builds its tensors in {@link #prepare()}, once per
 * trial, so that only the operation itself is measured.
 *
 * <p>A backend that cannot start on this machine fails its trials with the reason from {@link
 * Backends#get}; JMH goes on with the others. The defaults below (time per operation in
 * microseconds, one fork of 3 warm-up and 5 measured iterations of 2 seconds) are a compromise for
 * a small machine; override them on the command line ({@code -f -wi -i -w -r}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        // A fixed heap, so that the collector does not resize it between iterations. ND4J and
        // PyTorch need no flags on Java 17: they reach native memory through JavaCPP and JNI.
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public abstract class BackendBenchmark {
    /** The batch of the lesson's MNIST network. */
    protected static final int BATCH = 128;

    /** Its input width: one 28 x 28 image. */
    protected static final int PIXELS = 28 * 28;

    /** Its hidden width. */
    protected static final int HIDDEN = Presets.MNIST_HIDDEN;

    /** Its output width: the ten digits. */
    protected static final int CLASSES = 10;

    /** The backends whose idle OpenMP threads spin unless {@code OMP_WAIT_POLICY} says not to. */
    private static final Set<String> OPENMP_BACKENDS = Set.of("nd4j", "djl");

    /** The backend's name, as {@code backprop4j.backend} takes it. */
    @Param({"naive", "ejml", "nd4j", "djl"})
    public String backend;

    /** The data type of every tensor, as {@link DType#parse} reads it. */
    @Param({"float64", "float32"})
    public String dtype;

    /** The backend named by {@link #backend}. */
    protected Backend backendUnderTest;

    /** The data type named by {@link #dtype}. */
    protected DType type;

    /** Selects the backend and the data type, then lets the benchmark build its tensors. */
    @Setup(Level.Trial)
    public final void setUp() {
        backendUnderTest = Backends.get(backend);
        type = DType.parse(dtype);
        if (OPENMP_BACKENDS.contains(backend)
                && !"passive".equalsIgnoreCase(System.getenv("OMP_WAIT_POLICY"))) {
            // JMH has begun the iteration's line on standard output: start a line of our own.
            System.err.println();
            System.err.println(
                    "bench: OMP_WAIT_POLICY is not 'passive', so the idle OpenMP threads of "
                            + backend
                            + " spin and on few cores its operations run several times slower;"
                            + " run through bench/jmh, or export OMP_WAIT_POLICY=passive");
        }
        prepare();
    }

    /** Builds the tensors of the benchmark on {@link #backendUnderTest} in {@link #type}. */
    protected abstract void prepare();

    /** A {@code rows x cols} tensor of standard normal values, the same for every backend. */
    protected final Tensor gaussian(int rows, int cols, long seed) {
        PortableRandom random = new PortableRandom(seed);
        double[] values = new double[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextGaussian();
        }
        return backendUnderTest.fromArray(values, Shape.of(rows, cols), type);
    }

    /** {@code count} class indices below {@code numClasses}, the same for every backend. */
    protected static int[] classes(int count, int numClasses, long seed) {
        PortableRandom random = new PortableRandom(seed);
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = random.nextInt(numClasses);
        }
        return labels;
    }
}

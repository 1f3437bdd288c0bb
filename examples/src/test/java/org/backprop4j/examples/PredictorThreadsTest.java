package org.backprop4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.backprop4j.backend.Backends;
import org.backprop4j.inference.Predictor;
import org.backprop4j.io.ModelFiles;
import org.backprop4j.models.Activation;
import org.backprop4j.models.Mlp;
import org.backprop4j.models.SavedMlp;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sixteen threads share one loaded predictor for {@value #PREDICTIONS} predictions, and every
 * result equals, bit for bit, what one thread alone computed for the same input, on every shipped
 * backend. Each thread mixes raw outputs, probabilities and classes, of single rows and of batches,
 * so that passes of different shapes overlap on the backend at the same time.
 */
class PredictorThreadsTest {
    private static final int THREADS = 16;
    private static final int PREDICTIONS = 10_000;
    private static final int[] WIDTHS = {64, 32, 10};

    /** Distinct inputs: the single rows, and as many batches of {@value #BATCH} rows. */
    private static final int INPUTS = 50;

    private static final int BATCH = 8;

    @TempDir Path dir;

    static Stream<String> shipped() {
        return BackendAgreementTest.SHIPPED.stream();
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void sixteenThreadsGetExactlyWhatOneThreadGets(String name) throws Exception {
        Predictor predictor = Predictor.load(saveModel(), name);
        Random random = new Random(17);
        double[][] rows = new double[INPUTS][];
        double[][][] batches = new double[INPUTS][][];
        for (int i = 0; i < INPUTS; i++) {
            rows[i] = row(random);
            batches[i] = Stream.generate(() -> row(random)).limit(BATCH).toArray(double[][]::new);
        }
        List<Object> reference = new ArrayList<>();
        for (int k = 0; k < PREDICTIONS; k++) {
            reference.add(predict(predictor, rows, batches, k));
        }

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Future<List<Integer>>> workers = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                Callable<List<Integer>> worker =
                        () -> {
                            start.await();
                            List<Integer> differing = new ArrayList<>();
                            for (int k = thread; k < PREDICTIONS; k += THREADS) {
                                if (!same(reference.get(k), predict(predictor, rows, batches, k))) {
                                    differing.add(k);
                                }
                            }
                            return differing;
                        };
                workers.add(pool.submit(worker));
            }
            List<Integer> differing = new ArrayList<>();
            for (Future<List<Integer>> worker : workers) {
                differing.addAll(worker.get(5, TimeUnit.MINUTES));
            }

            assertEquals(
                    List.of(), differing, name + ": predictions that differ from one thread's");
        } finally {
            pool.shutdownNow();
        }
    }

    /** Prediction {@code k}: its kind and whether it is of one row or a batch follow from k. */
    private static Object predict(
            Predictor predictor, double[][] rows, double[][][] batches, int k) {
        int input = (k / 6) % INPUTS;
        switch (k % 6) {
            case 0:
                return predictor.outputs(rows[input]);
            case 1:
                return predictor.probabilities(rows[input]);
            case 2:
                return new int[] {predictor.predictClass(rows[input])};
            case 3:
                return predictor.outputs(batches[input]);
            case 4:
                return predictor.probabilities(batches[input]);
            default:
                return predictor.predictClasses(batches[input]);
        }
    }

    /** Bit for bit: {@link Arrays#deepEquals} compares doubles by {@link Double#equals}. */
    private static boolean same(Object expected, Object actual) {
        return Arrays.deepEquals(new Object[] {expected}, new Object[] {actual});
    }

    private Path saveModel() throws IOException {
        Path file = dir.resolve("shared.safetensors");
        ModelFiles.save(
                file,
                Mlp.builder(WIDTHS).seed(23).build(Backends.get("naive")),
                SavedMlp.metadata(WIDTHS, Activation.RELU));
        return file;
    }

    private static double[] row(Random random) {
        double[] row = new double[WIDTHS[0]];
        Arrays.setAll(row, k -> random.nextGaussian());
        return row;
    }
}

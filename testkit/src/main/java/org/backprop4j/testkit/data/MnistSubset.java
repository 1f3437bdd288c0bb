package org.backprop4j.testkit.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.backprop4j.data.mnist.IdxReader;
import org.backprop4j.data.mnist.MnistSplit;

/**
 * The first {@value #SIZE} samples of the MNIST test set, kept as class path resources so tests
 * have real digits without a download. Where they come from and how they were made is in the {@code
 * README.md} beside them ({@code org/backprop4j/testkit/mnist/}).
 *
 * <p>Safe to use from any thread; each call returns a split of its own.
 */
public final class MnistSubset {
    /** The number of samples kept. */
    public static final int SIZE = 500;

    private static final String FOLDER = "/org/backprop4j/testkit/mnist/";

    private MnistSubset() {}

    /**
     * The first {@code n} samples of the MNIST test set, in file order.
     *
     * @throws IllegalArgumentException if {@code n} is not between 1 and {@value #SIZE}
     * @throws UncheckedIOException if the resources are missing or damaged, which means a broken
     *     testkit build
     */
    public static MnistSplit load(int n) {
        if (n < 1 || n > SIZE) {
            throw new IllegalArgumentException(
                    "the MNIST subset holds samples 1 to " + SIZE + ", asked for " + n);
        }
        return Holder.ALL.first(n);
    }

    private static MnistSplit read() {
        try (InputStream images = open("t10k-images-idx3-ubyte.gz");
                InputStream labels = open("t10k-labels-idx1-ubyte.gz")) {
            return MnistSplit.of(
                    IdxReader.readImages(images, FOLDER + "t10k-images-idx3-ubyte.gz"),
                    IdxReader.readLabels(labels, FOLDER + "t10k-labels-idx1-ubyte.gz"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the MNIST subset of the testkit", e);
        }
    }

    private static InputStream open(String name) throws IOException {
        InputStream in = MnistSubset.class.getResourceAsStream(FOLDER + name);
        if (in == null) {
            throw new IOException(
                    "resource " + FOLDER + name + " is not on the class path; rebuild testkit");
        }
        return in;
    }

    /** Read once, on first use, and shared: a split is immutable. */
    private static final class Holder {
        static final MnistSplit ALL = read();
    }
}
